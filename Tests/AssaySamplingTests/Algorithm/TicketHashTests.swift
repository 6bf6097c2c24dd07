@testable import AssaySampling
import AssaySamples
import CTicketHash
import Crypto
import Testing

/// The draw's tickets are hashed by CTicketHash (SHA-NI or portable C), not swift-crypto;
/// both of its paths must give swift-crypto's SHA-256 for every length, and above all for
/// the lengths where padding spills into another block (55/56, 119/120 bytes) and for
/// messages of several blocks (long case ids).
@Suite struct TicketHashTests {
    /// The lengths where SHA-256's padding changes shape, and some of several blocks.
    static let lengths = Array(0...200) + [247, 248, 255, 256, 311, 312, 1_000, 4_097]

    /// Both paths where the CPU has the SHA instructions; the portable one only otherwise.
    static var paths: [Int32] { ticket_hash_has_sha_instructions() == 1 ? [0, 1] : [0] }

    func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    func digest(_ data: [UInt8], accelerated: Int32, splitAt split: Int) -> [UInt8] {
        var context = ticket_hash_context()
        ticket_hash_start(&context, accelerated)
        data.withUnsafeBufferPointer { all in
            let cut = min(split, all.count)
            ticket_hash_add(&context, all.baseAddress, cut)
            ticket_hash_add(&context, all.baseAddress.map { $0 + cut }, all.count - cut)
        }
        var out = [UInt8](repeating: 0, count: 32)
        ticket_hash_finish_bytes(&context, &out)
        return out
    }

    @Test func bothPathsGiveSwiftCryptosDigestAtEveryLength() {
        for accelerated in Self.paths {
            for count in Self.lengths {
                let data = bytes(count, seed: UInt64(count))
                let expected = Array(SHA256.hash(data: data))
                // Whole, and cut where the pending bytes meet a block's end in several ways.
                for split in Set([0, 1, count / 2, 63, 64, 65, count]) {
                    #expect(digest(data, accelerated: accelerated, splitAt: split) == expected, "length \(count), split \(split), path \(accelerated)")
                }
            }
        }
    }

    /// The ticket's own layout, spelled with swift-crypto as before CTicketHash.
    func expectedTicket(caseID: String, seed: String) -> [UInt8] {
        var message: [UInt8] = []
        for text in [seed, caseID] {
            let length = UInt64(text.utf8.count)
            for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
            message.append(contentsOf: text.utf8)
        }
        return Array(SHA256.hash(data: message))
    }

    @Test func ticketsAreSwiftCryptosForShortLongAndNonASCIIIds() {
        let seeds = ["s", "seed", String(repeating: "ab", count: 32), String(repeating: "7", count: 47), String(repeating: "x", count: 200)]
        var ids = ["", "A1", "B1000000", "Zoë-Ω-案例-🙂", String(repeating: "é", count: 40)]
        for count in [23, 24, 39, 40, 47, 48, 55, 56, 63, 64, 65, 103, 104, 111, 112, 119, 120, 128, 200, 300] {
            ids.append(String((0..<count).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) }))
        }
        for accelerated in [false, true] {
            for seed in seeds {
                let machine = Ticket.Machine(seed: seed, accelerated: accelerated)
                for id in ids {
                    var id = id
                    let ticket = id.withUTF8 { machine.ticket(bytes: $0) }
                    #expect(ticket.bytes == expectedTicket(caseID: id, seed: seed), "seed \(seed.utf8.count) bytes, id \(id.utf8.count) bytes")
                    #expect(Ticket.of(caseID: id, seed: seed) == expectedTicket(caseID: id, seed: seed))
                }
            }
        }
    }
}

import AssayCore
import CTicketHash

/// A case's lottery ticket for one month's draw (docs/sampling.md §6):
/// SHA-256( be64(len(seed)) ‖ seed ‖ be64(len(case_id)) ‖ case_id ).
///
/// It depends only on the seed and the case's own id, so the register's row order, or
/// cases added and removed elsewhere, never change which of two cases comes first; and
/// nobody can compute a ticket before the seed exists.
public enum Ticket {
    public static func of(caseID: String, seed: String) -> [UInt8] {
        var machine = Machine(seed: seed)
        return machine.ticket(for: caseID).bytes
    }

    /// Selects the `count` cases with the smallest tickets (bytewise), ties by case id bytes.
    public static func select(_ caseIDs: [String], count: Int, seed: String) -> [(caseID: String, ticket: [UInt8])] {
        var machine = Machine(seed: seed)
        return machine.select(caseIDs, count: count).map { ($0.caseID, $0.ticket.bytes) }
    }

    /// `select` in each stratum, `counts[i]` from `strata[i]`, the strata shared among the
    /// machine's cores: a draw over a million cases spends most of its time hashing and
    /// sorting tickets, and strata are independent of each other. The same picks as one
    /// `select` a stratum in turn.
    public static func select(inStrata strata: [[String]], counts: [Int], seed: String) -> [[(caseID: String, ticket: Value)]] {
        precondition(strata.count == counts.count, "one count per stratum")
        return Parallel.map(strata.count) { i in
            var machine = Machine(seed: seed)
            return machine.select(strata[i], count: counts[i])
        }
    }

    /// A ticket as four big-endian 64-bit words, so that comparing them compares the 32
    /// bytes bytewise without an array per case.
    public struct Value: Comparable, Sendable {
        let words: (UInt64, UInt64, UInt64, UInt64)

        init(words: (UInt64, UInt64, UInt64, UInt64)) {
            self.words = words
        }

        public static func < (a: Value, b: Value) -> Bool { a.words < b.words }
        public static func == (a: Value, b: Value) -> Bool { a.words == b.words }

        public var bytes: [UInt8] {
            [words.0, words.1, words.2, words.3].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64($0))) } }
        }
        public var hexString: String { bytes.hexString }
    }

    /// Computes many tickets for one seed. A draw computes one for every eligible case of a
    /// frame (a million at a region's scale), so the seed's part of the hash is computed once
    /// and copied for each case (with a 64-digit seed, that is one of the two SHA-256 blocks
    /// a ticket takes), and the hash is CTicketHash's: the CPU's SHA instructions when it has
    /// them, with no allocation per case (docs/performance.md, "The draw").
    public struct Machine {
        var seedContext = ticket_hash_context()

        public init(seed: String, accelerated: Bool = true) {
            ticket_hash_start(&seedContext, accelerated ? 1 : 0)
            var seed = seed
            seed.withUTF8 { bytes in
                ticket_hash_add_length(&seedContext, UInt64(bytes.count))
                ticket_hash_add(&seedContext, bytes.baseAddress, bytes.count)
            }
        }

        /// The ticket of a case whose id is `caseID`'s UTF-8 bytes.
        public func ticket(bytes caseID: UnsafeBufferPointer<UInt8>) -> Value {
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafePointer(to: seedContext) { seed in
                withUnsafeMutableBytes(of: &words) { out in
                    ticket_hash_case(seed, caseID.baseAddress, caseID.count, out.baseAddress!.assumingMemoryBound(to: UInt64.self))
                }
            }
            return Value(words: words)
        }

        public mutating func ticket(for caseID: String) -> Value {
            var caseID = caseID
            return caseID.withUTF8 { ticket(bytes: $0) }
        }

        /// The `count` cases with the smallest tickets, ties by case id bytes.
        public mutating func select(_ caseIDs: [String], count: Int) -> [(caseID: String, ticket: Value)] {
            var ticketed: [(caseID: String, ticket: Value)] = []
            ticketed.reserveCapacity(caseIDs.count)
            for caseID in caseIDs { ticketed.append((caseID, ticket(for: caseID))) }
            ticketed.sort { a, b in
                if a.ticket != b.ticket { return a.ticket < b.ticket }
                return a.caseID.utf8.lexicographicallyPrecedes(b.caseID.utf8)
            }
            return Array(ticketed.prefix(count))
        }
    }

    /// 32 bytes from the system's secure random source, as 64 hex digits.
    public static func freshSeed() -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }
}

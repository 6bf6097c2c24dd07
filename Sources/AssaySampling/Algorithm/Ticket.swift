import AssayCore
import Crypto

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

        init(digest: SHA256.Digest) {
            var words = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            digest.withUnsafeBytes { raw in
                func word(_ i: Int) -> UInt64 {
                    (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(raw[i * 8 + $1]) }
                }
                words = (word(0), word(1), word(2), word(3))
            }
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
    /// frame (a million at a region's scale), so the seed's bytes are spelled once and one
    /// buffer is reused: no allocation per case beyond SHA-256's own.
    public struct Machine {
        private var buffer: [UInt8]
        private let prefixCount: Int

        public init(seed: String) {
            buffer = []
            buffer.reserveCapacity(64 + seed.utf8.count)
            Ticket.append(seed, to: &buffer)
            prefixCount = buffer.count
        }

        public mutating func ticket(for caseID: String) -> Value {
            buffer.removeSubrange(prefixCount...)
            Ticket.append(caseID, to: &buffer)
            return Value(digest: buffer.withUnsafeBytes { SHA256.hash(data: $0) })
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

    fileprivate static func append(_ text: String, to bytes: inout [UInt8]) {
        let length = UInt64(text.utf8.count)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        bytes.append(contentsOf: text.utf8)
    }

    /// 32 bytes from the system's secure random source, as 64 hex digits.
    public static func freshSeed() -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }
}

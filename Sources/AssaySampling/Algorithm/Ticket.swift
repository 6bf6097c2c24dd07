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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + seed.utf8.count + caseID.utf8.count)
        append(seed, to: &bytes)
        append(caseID, to: &bytes)
        return Array(SHA256.hash(data: bytes))
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        let length = UInt64(text.utf8.count)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Selects the `count` cases with the smallest tickets (bytewise), ties by case id bytes.
    public static func select(_ caseIDs: [String], count: Int, seed: String) -> [(caseID: String, ticket: [UInt8])] {
        let ticketed = caseIDs.map { (caseID: $0, ticket: of(caseID: $0, seed: seed)) }
        return Array(ticketed.sorted { a, b in
            if a.ticket != b.ticket { return a.ticket.lexicographicallyPrecedes(b.ticket) }
            return a.caseID.utf8.lexicographicallyPrecedes(b.caseID.utf8)
        }.prefix(count))
    }

    /// 32 bytes from the system's secure random source, as 64 hex digits.
    public static func freshSeed() -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }
}

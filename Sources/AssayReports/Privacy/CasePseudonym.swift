import Crypto
import Foundation

/// A case's stable keyed pseudonym: what aggregate reports, evidence extracts and the HTML
/// report print instead of its case id (docs/reports.md, "Privacy: pseudonyms and --reveal").
///
/// `P-` and the first 40 bits of HMAC-SHA256(secret, the case id's UTF-8 bytes), written as
/// eight characters of Crockford's base32 (digits and capitals without I, L, O, U, so it
/// reads aloud and copies without mistakes): `P-7KQ2M9XD`. The secret is the database's own
/// (`report_secret`, 32 random bytes made on first need), so a case has the same pseudonym in
/// every report from one database, and different ones in two databases; without the secret
/// a pseudonym cannot be traced back to its case, not even by trying every case id.
///
/// Forty bits keep it short; two cases of one authority (at most tens of thousands of
/// ids) share a pseudonym with a chance of about n² / 2⁴¹ — under one in ten thousand for
/// 15,000 cases.
public struct CasePseudonym: Sendable {
    /// The database's secret: never printed, never returned.
    private let secret: [UInt8]

    /// The prefix every pseudonym begins with.
    public static let prefix = "P-"
    /// Crockford's base32 alphabet.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    init(secret: [UInt8]) {
        precondition(secret.count == 32, "the report secret is 32 bytes")
        self.secret = secret
    }

    /// The case's pseudonym, `P-` and eight base32 characters.
    public func pseudonym(for caseID: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(caseID.utf8), using: SymmetricKey(data: secret))
        return Self.prefix + Self.base32(Array(code.prefix(5)))
    }

    /// Forty bits (five bytes), big-endian, as eight base32 characters.
    static func base32(_ bytes: [UInt8]) -> String {
        precondition(bytes.count == 5)
        let bits = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let characters = (0..<8).reversed().map { alphabet[Int((bits >> UInt64(5 * $0)) & 31)] }
        return String(decoding: characters, as: UTF8.self)
    }
}

/// Printing or dumping a `CasePseudonym` never shows its secret.
extension CasePseudonym: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "CasePseudonym(secret: hidden)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// How a report names cases: by pseudonym (always, unless a lead asks otherwise), or by case
/// id after a lead's `--reveal`, which is logged before anything is shown.
public enum CaseLabels: Sendable {
    case pseudonyms(CasePseudonym)
    case revealed

    /// The pseudonym, or the case id itself when revealed.
    public func label(_ caseID: String) -> String {
        switch self {
        case .pseudonyms(let pseudonym): pseudonym.pseudonym(for: caseID)
        case .revealed: caseID
        }
    }

    public var isRevealed: Bool {
        if case .revealed = self { return true }
        return false
    }

    /// A line for the head of a report for people, saying which it shows.
    public var notice: String {
        isRevealed
            ? "Case ids are REVEALED (--reveal); this reveal is logged. Keep this output private."
            : "Cases are shown by pseudonym (P-…), the same in every report from this database; a lead may --reveal case ids."
    }
}

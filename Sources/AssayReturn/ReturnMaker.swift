import AssayCore
import AssayReports
import AssayStore
import Foundation

/// Makes a signed return from the database: its strata's counts, the small-numbers rule
/// (unless exact counts are allowed), the chain head, the templates, the key's id.
public enum ReturnMaker {
    public static func make(store: Store, from: Month, through: Month, counts: AuthorityReturn.Counts, key: SigningKey,
                            assayVersion: String, now: Date = Date(), asOf: CalendarDate = .today()) throws -> SignedReturn {
        guard from <= through else { throw ReportError.periodReversed(from: from, to: through) }
        // The head first: every count below is of the database as it was at this head or later,
        // and `verify --head` later proves nothing before it was rewritten.
        guard let head = try store.chainHead() else { throw ReturnError.noAuditLog }
        let strata = try store.returnStrata(from: from, through: through, asOf: asOf)
        let body = AuthorityReturn(
            authority: key.authority, keyID: key.publicKey.keyID, from: from, to: through,
            madeAt: ISO8601DateFormatter().string(from: now), asOf: asOf, chainHead: head.description,
            assayVersion: assayVersion, counts: counts,
            templates: try store.returnTemplates(from: from, through: through),
            strata: ReturnSuppression.apply(strata, counts: counts))
        return try SignedReturn.sign(body, with: key)
    }
}

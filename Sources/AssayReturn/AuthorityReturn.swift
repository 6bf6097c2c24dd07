import AssayCore

/// What an authority sends its region (docs/regional.md): per month and sampling stratum,
/// the counts a region needs to compare audit outcomes with honest statistics, and nothing
/// about a child — no case id, no name, no evidence text, no free text at all except the
/// authority's own name, its teams' and localities' names (the strata) and template ids.
///
/// The strata are the draw's: N_h and n_h, so that the hub's rates are design-based
/// exactly as the authority's own reports are (`StratifiedEstimator`).
public struct AuthorityReturn: Sendable, Equatable {
    public static let format = "assay-authority-return"
    public static let formatVersion: Int64 = 1

    /// A count as returned: the count, or hidden under the small-numbers rule (`[c]`).
    public enum Figure: Sendable, Equatable, Hashable {
        case count(Int)
        case hidden

        public var value: Int? { if case .count(let n) = self { return n }; return nil }
    }

    /// Exact counts (the region's data-sharing agreement allows them) or counts suppressed
    /// under the public rule with threshold K.
    public enum Counts: Sendable, Equatable {
        case exact
        case suppressed(threshold: Int)
    }

    /// A template the month's audits used.
    public struct Template: Sendable, Equatable, Hashable {
        public let id: String
        public let version: Int
        public let sha256: String
        public init(id: String, version: Int, sha256: String) {
            self.id = id
            self.version = version
            self.sha256 = sha256
        }
    }

    /// One stratum of one month: a draw's stratum, or the month's imported history.
    public struct Stratum: Sendable, Equatable {
        public var month: Month
        /// The draw (nil for imported history, one stratum a month with no frame).
        public var draw: Int64?
        public var position: Int?
        /// The draw's stratification fields and this stratum's values, e.g. team and locality.
        public var key: [String: String]
        /// N_h: cases in the frame; nil for imported history (unknown: weight 1).
        public var frameCases: Figure?
        /// n_h: submitted audits of drawn cases (what the reports count).
        public var audited: Figure
        /// Audits by official overall grade, 1 outstanding … 4 inadequate.
        public var grades: [Figure]
        /// Section id → audits by domain grade 1…4.
        public var domains: [String: [Figure]]
        public var moderated: Figure
        /// Moderated audits whose moderator's blind overall grade was the first auditor's.
        public var moderationAgreed: Figure
        public var actionsRaised: Figure
        /// Done on or before the due date.
        public var actionsDoneOnTime: Figure
        /// Open and due before the return's as-of date.
        public var actionsOverdue: Figure

        public var inadequate: Figure { grades[3] }
        public var isImported: Bool { draw == nil }

        public init(month: Month, draw: Int64?, position: Int?, key: [String: String], frameCases: Figure?, audited: Figure,
                    grades: [Figure], domains: [String: [Figure]], moderated: Figure, moderationAgreed: Figure,
                    actionsRaised: Figure, actionsDoneOnTime: Figure, actionsOverdue: Figure) {
            self.month = month
            self.draw = draw
            self.position = position
            self.key = key
            self.frameCases = frameCases
            self.audited = audited
            self.grades = grades
            self.domains = domains
            self.moderated = moderated
            self.moderationAgreed = moderationAgreed
            self.actionsRaised = actionsRaised
            self.actionsDoneOnTime = actionsDoneOnTime
            self.actionsOverdue = actionsOverdue
        }
    }

    public var authority: String
    /// SHA-256 (hex) of the raw Ed25519 public key that signs it.
    public var keyID: String
    public var from: Month
    public var to: Month
    /// When it was made (UTC, ISO 8601).
    public var madeAt: String
    /// The date overdue actions were judged on.
    public var asOf: CalendarDate
    /// The authority's audit-log chain head when it was made (`SEQ:HASH`).
    public var chainHead: String
    public var assayVersion: String
    public var counts: Counts
    public var templates: [Template]
    /// In month, draw, position order (imported history first in its month).
    public var strata: [Stratum]

    public init(authority: String, keyID: String, from: Month, to: Month, madeAt: String, asOf: CalendarDate, chainHead: String,
                assayVersion: String, counts: Counts, templates: [Template], strata: [Stratum]) {
        self.authority = authority
        self.keyID = keyID
        self.from = from
        self.to = to
        self.madeAt = madeAt
        self.asOf = asOf
        self.chainHead = chainHead
        self.assayVersion = assayVersion
        self.counts = counts
        self.templates = templates
        self.strata = strata
    }
}

import AssayCore

/// One audit as the reports count it: its month, where the case sat, whether it was judged
/// inadequate, and the design it came from.
///
/// Only audits that stand for the authority's cases are reported: submitted audits of
/// cases drawn at random (never ad-hoc `--unsampled` ones), and past audits imported from
/// before Assay.
public struct ReportedAudit: Sendable, Equatable {
    /// How the audit entered the sample, which decides its weight (docs/reports.md).
    public enum Origin: Sendable, Equatable {
        /// Drawn by Assay in stratum `position` of draw `drawID`, whose population was N_h.
        case drawn(drawID: Int64, position: Int, population: Int)
        /// Imported history: a simple random sample within its month, weight 1.
        case imported
    }

    public let month: Month
    public let team: String
    public let locality: String
    public let service: Service?
    public let overall: Grade
    public let origin: Origin
    /// Section id → domain grade (stored at submission, or imported).
    public let domainGrades: [String: Grade]

    public var inadequate: Bool { overall == .inadequate }

    public init(month: Month, team: String, locality: String, service: Service?, overall: Grade, origin: Origin,
                domainGrades: [String: Grade] = [:]) {
        self.month = month
        self.team = team
        self.locality = locality
        self.service = service
        self.overall = overall
        self.origin = origin
        self.domainGrades = domainGrades
    }
}

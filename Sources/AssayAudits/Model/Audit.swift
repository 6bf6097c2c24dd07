import AssayCore
import GRDB

/// One audit of one case in one month: who audits it, against which template version, and
/// where it stands. The case's team, locality, service and worker are copied from the
/// register when the audit opens, so reports read the case as it was when it was audited.
public struct Audit: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case inProgress = "in_progress"
        case submitted
    }

    public let id: Int64
    public let month: Month
    public let caseID: String
    /// The draw the case was sampled in; nil for an ad-hoc (`--unsampled`) audit.
    public let drawID: Int64?
    /// Ad-hoc audits are flagged and left out of every sample estimate.
    public let unsampled: Bool
    /// A re-audit (`audit CASE --reaudit`, or a case a draw added with `--include-reaudits`):
    /// a case audited before, in an earlier month, not drawn at random in this one; left out
    /// of every sample estimate (docs/audits.md, "Re-audits").
    public let reaudit: Bool
    public let team: String
    public let locality: String
    public let service: Service?
    public let worker: String?
    public let templateID: String
    public let templateVersion: Int
    public let templateSHA256: String
    public let auditor: String
    public let status: Status
    public let suggestedOverall: Grade?
    public let overall: Grade?
    public let overallReason: String?
    public let startedAt: String
    public let submittedAt: String?

    init(row: Row) {
        id = row["id"]
        month = Month(row["month"] as String) ?? Month(year: 1970, month: 1)!
        caseID = row["case_id"]
        drawID = row["draw_id"]
        unsampled = row["unsampled"] as Int64 == 1
        reaudit = (row["reaudit"] as Int64?) == 1
        team = row["team"]
        locality = row["locality"]
        service = (row["service"] as String?).flatMap(Service.init(rawValue:))
        worker = row["worker"]
        templateID = row["template_id"]
        templateVersion = row["template_version"]
        templateSHA256 = row["template_sha256"]
        auditor = row["auditor"]
        status = Status(rawValue: row["status"]) ?? .inProgress
        suggestedOverall = (row["suggested_overall"] as Int?).flatMap(Grade.init(rawValue:))
        overall = (row["overall"] as Int?).flatMap(Grade.init(rawValue:))
        overallReason = row["overall_reason"]
        startedAt = row["started_at"]
        submittedAt = row["submitted_at"]
    }
}

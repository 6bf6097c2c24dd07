import AssayCore

/// A whole audit of one case made up by `AuditAnswersGenerator`: what an answers file for
/// `assay audit CASE_ID --answers FILE` holds, before it is written as YAML.
public struct GeneratedAudit: Sendable, Equatable {
    /// One answered question. Optional questions the auditor passed over are left out.
    public struct Entry: Sendable, Equatable {
        public let questionID: String
        /// As the file spells it: a grade's name, yes / no / na, a choice, a number, a date.
        public let value: String
        public let evidence: String?
        /// Why a compliance question is "na".
        public let reason: String?
    }

    public struct Action: Sendable, Equatable {
        public let what: String
        public let owner: String
        public let due: CalendarDate
    }

    public let caseID: String
    public let team: String
    public let locality: String
    public let service: Service
    public let templateID: String
    /// The day the audit is done and submitted: its actions are raised that day and fall
    /// due after it.
    public let auditedOn: CalendarDate
    public let entries: [Entry]
    /// The grade Assay will suggest from the grade answers (`SuggestedGrades`).
    public let suggested: Grade
    /// The auditor's overall grade: usually the suggestion, sometimes one grade worse.
    public let overall: Grade
    /// Why the overall differs from the suggestion; nil when it does not.
    public let reason: String?
    public let actions: [Action]
}

import AssayCore

/// One answer behind a poor grade: a grade question of a submitted audit of a drawn case,
/// graded 3 (requires improvement) or 4 (inadequate), with the evidence the auditor wrote.
/// What scrutiny reads to see *why* cases fail (docs/reports.md, "`report evidence`").
public struct GradeEvidence: Sendable, Equatable {
    public let auditID: Int64
    /// The real case id: reports print `CaseLabels.label(caseID)`, never this directly.
    public let caseID: String
    public let month: Month
    public let team: String
    public let locality: String
    /// The section (domain) the question is in, by id and title, as the audit's template
    /// version has it.
    public let domain: String
    public let domainTitle: String
    public let questionID: String
    public let prompt: String
    public let grade: Grade
    public let evidence: String
    /// Where the section and the question sit in the template (0-based), for ordering.
    public let sectionPosition: Int
    public let questionPosition: Int

    public init(auditID: Int64, caseID: String, month: Month, team: String, locality: String, domain: String, domainTitle: String,
                questionID: String, prompt: String, grade: Grade, evidence: String, sectionPosition: Int = 0, questionPosition: Int = 0) {
        self.auditID = auditID
        self.caseID = caseID
        self.month = month
        self.team = team
        self.locality = locality
        self.domain = domain
        self.domainTitle = domainTitle
        self.questionID = questionID
        self.prompt = prompt
        self.grade = grade
        self.evidence = evidence
        self.sectionPosition = sectionPosition
        self.questionPosition = questionPosition
    }
}

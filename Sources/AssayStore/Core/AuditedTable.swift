/// A table whose every insert, update and delete is written to the audit log.
///
/// Only the store can name one (the initializer is internal), and `AuditedWriter` only
/// writes to tables named this way, so code outside the store cannot reach a table
/// without leaving a trail — nor write to `audit_log` itself.
public struct AuditedTable: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let people = AuditedTable("people")
    public static let frame = AuditedTable("frame")
    public static let frameCase = AuditedTable("frame_case")
    public static let draw = AuditedTable("draw")
    public static let drawStratum = AuditedTable("draw_stratum")
    public static let drawExclusion = AuditedTable("draw_exclusion")
    public static let drawCase = AuditedTable("draw_case")
    public static let template = AuditedTable("template")
    public static let audit = AuditedTable("audit")
    public static let auditAnswer = AuditedTable("audit_answer")
    public static let auditSectionGrade = AuditedTable("audit_section_grade")
    public static let auditAction = AuditedTable("audit_action")
    public static let auditAmendment = AuditedTable("audit_amendment")
    public static let escalation = AuditedTable("escalation")
    public static let assignment = AuditedTable("assignment")
    public static let auditImport = AuditedTable("audit_import")
    public static let importedAudit = AuditedTable("imported_audit")
    public static let importedDomainGrade = AuditedTable("imported_domain_grade")
    public static let reportSecret = AuditedTable("report_secret")
    public static let revealLog = AuditedTable("reveal_log")
    public static let challenge = AuditedTable("challenge")
    public static let moderationSample = AuditedTable("moderation_sample")
    public static let moderationSampleAudit = AuditedTable("moderation_sample_audit")
    public static let moderation = AuditedTable("moderation")
    public static let moderationAnswer = AuditedTable("moderation_answer")
    public static let moderationSectionGrade = AuditedTable("moderation_section_grade")
    public static let drawReaudit = AuditedTable("draw_reaudit")
    public static let redaction = AuditedTable("redaction")
    public static let setting = AuditedTable("setting")
    public static let setAside = AuditedTable("set_aside")

    /// Every audited table, for checks that walk them all.
    public static let all: [AuditedTable] = [.people, .frame, .frameCase, .draw, .drawStratum, .drawExclusion, .drawCase, .template,
        .audit, .auditAnswer, .auditSectionGrade, .auditAction, .auditAmendment, .escalation, .assignment,
        .auditImport, .importedAudit, .importedDomainGrade, .reportSecret, .revealLog, .challenge, .moderationSample, .moderationSampleAudit, .moderation, .moderationAnswer, .moderationSectionGrade, .drawReaudit, .redaction, .setting, .setAside]
}

import AssayCore
import GRDB

// The rows of moderation (docs/moderation.md): a month's moderation sample and the audits it
// chose, and each moderation with its blind answers and its section grades. Each record is
// its table's row, column for column (AuditedRecord.swift).

/// A month's moderation sample (`moderation_sample`); `status` is `current` or `replaced`.
public struct ModerationSampleRecord: AuditedRecord {
    public static let table = AuditedTable.moderationSample

    public enum Column: String, AuditedColumn {
        case month
        case seed
        case seedGiven = "seed_given"
        case algorithm
        case share
        case population
        case auditors
        case total
        case sampledAt = "sampled_at"
        case sampledBy = "sampled_by"
        case status
        case replacesSampleID = "replaces_sample_id"
        case replaceReason = "replace_reason"
    }

    public var month: Month
    public var seed: String
    public var seedGiven: Bool
    public var algorithm: String
    public var share: Double
    public var population: Int
    public var auditors: Int
    public var total: Int
    public var sampledAt: String
    public var sampledBy: String
    public var status: String
    public var replacesSampleID: Int64?
    public var replaceReason: String?

    public init(month: Month, seed: String, seedGiven: Bool, algorithm: String, share: Double, population: Int, auditors: Int,
                total: Int, sampledAt: String, sampledBy: String, status: String, replacesSampleID: Int64?,
                replaceReason: String?) {
        self.month = month
        self.seed = seed
        self.seedGiven = seedGiven
        self.algorithm = algorithm
        self.share = share
        self.population = population
        self.auditors = auditors
        self.total = total
        self.sampledAt = sampledAt
        self.sampledBy = sampledBy
        self.status = status
        self.replacesSampleID = replacesSampleID
        self.replaceReason = replaceReason
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .month: month.databaseValue
        case .seed: seed.databaseValue
        case .seedGiven: seedGiven.databaseValue
        case .algorithm: algorithm.databaseValue
        case .share: share.databaseValue
        case .population: population.databaseValue
        case .auditors: auditors.databaseValue
        case .total: total.databaseValue
        case .sampledAt: sampledAt.databaseValue
        case .sampledBy: sampledBy.databaseValue
        case .status: status.databaseValue
        case .replacesSampleID: replacesSampleID.databaseValue
        case .replaceReason: replaceReason.databaseValue
        }
    }
}

/// An audit a moderation sample chose (`moderation_sample_audit`): `chosen_as` is `auditor` (one
/// per auditor) or `share` (to make up the share).
public struct ModerationSampleAuditRecord: AuditedRecord {
    public static let table = AuditedTable.moderationSampleAudit

    public enum Column: String, AuditedColumn {
        case sampleID = "sample_id"
        case auditID = "audit_id"
        case auditor
        case ticket
        case chosenAs = "chosen_as"
    }

    public var sampleID: Int64
    public var auditID: Int64
    public var auditor: String
    public var ticket: String
    public var chosenAs: String

    public init(sampleID: Int64, auditID: Int64, auditor: String, ticket: String, chosenAs: String) {
        self.sampleID = sampleID
        self.auditID = auditID
        self.auditor = auditor
        self.ticket = ticket
        self.chosenAs = chosenAs
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .sampleID: sampleID.databaseValue
        case .auditID: auditID.databaseValue
        case .auditor: auditor.databaseValue
        case .ticket: ticket.databaseValue
        case .chosenAs: chosenAs.databaseValue
        }
    }
}

/// One moderation of an audit (`moderation`): the first auditor's overall grade, the moderator's
/// blind one, and the grade agreed.
public struct ModerationRecord: AuditedRecord {
    public static let table = AuditedTable.moderation

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case sampleID = "sample_id"
        case moderator
        case moderatedAt = "moderated_at"
        case firstOverall = "first_overall"
        case blindSuggestedOverall = "blind_suggested_overall"
        case blindOverall = "blind_overall"
        case blindReason = "blind_reason"
        case agreedOverall = "agreed_overall"
        case agreedReason = "agreed_reason"
    }

    public var auditID: Int64
    public var sampleID: Int64?
    public var moderator: String
    public var moderatedAt: String
    public var firstOverall: Grade?
    public var blindSuggestedOverall: Grade?
    public var blindOverall: Grade
    public var blindReason: String?
    public var agreedOverall: Grade
    public var agreedReason: String?

    public init(auditID: Int64, sampleID: Int64?, moderator: String, moderatedAt: String, firstOverall: Grade?,
                blindSuggestedOverall: Grade?, blindOverall: Grade, blindReason: String?, agreedOverall: Grade,
                agreedReason: String?) {
        self.auditID = auditID
        self.sampleID = sampleID
        self.moderator = moderator
        self.moderatedAt = moderatedAt
        self.firstOverall = firstOverall
        self.blindSuggestedOverall = blindSuggestedOverall
        self.blindOverall = blindOverall
        self.blindReason = blindReason
        self.agreedOverall = agreedOverall
        self.agreedReason = agreedReason
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .sampleID: sampleID.databaseValue
        case .moderator: moderator.databaseValue
        case .moderatedAt: moderatedAt.databaseValue
        case .firstOverall: firstOverall.databaseValue
        case .blindSuggestedOverall: blindSuggestedOverall.databaseValue
        case .blindOverall: blindOverall.databaseValue
        case .blindReason: blindReason.databaseValue
        case .agreedOverall: agreedOverall.databaseValue
        case .agreedReason: agreedReason.databaseValue
        }
    }
}

/// A moderator's blind answer to one question, with the grade agreed (`moderation_answer`); a
/// question given only an agreed grade has no blind answer (value, grade, evidence and reason null).
public struct ModerationAnswerRecord: AuditedRecord {
    public static let table = AuditedTable.moderationAnswer

    public enum Column: String, AuditedColumn {
        case moderationID = "moderation_id"
        case questionID = "question_id"
        case value
        case grade
        case evidence
        case reason
        case agreedGrade = "agreed_grade"
    }

    public var moderationID: Int64
    public var questionID: String
    public var value: String?
    public var grade: Grade?
    public var evidence: String?
    public var reason: String?
    public var agreedGrade: Grade?

    public init(moderationID: Int64, questionID: String, value: String?, grade: Grade?, evidence: String?, reason: String?,
                agreedGrade: Grade?) {
        self.moderationID = moderationID
        self.questionID = questionID
        self.value = value
        self.grade = grade
        self.evidence = evidence
        self.reason = reason
        self.agreedGrade = agreedGrade
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .moderationID: moderationID.databaseValue
        case .questionID: questionID.databaseValue
        case .value: value.databaseValue
        case .grade: grade.databaseValue
        case .evidence: evidence.databaseValue
        case .reason: reason.databaseValue
        case .agreedGrade: agreedGrade.databaseValue
        }
    }
}

/// One section's first, blind and agreed grades in a moderation (`moderation_section_grade`).
public struct ModerationSectionGradeRecord: AuditedRecord {
    public static let table = AuditedTable.moderationSectionGrade

    public enum Column: String, AuditedColumn {
        case moderationID = "moderation_id"
        case sectionID = "section_id"
        case firstGrade = "first_grade"
        case blindGrade = "blind_grade"
        case agreedGrade = "agreed_grade"
    }

    public var moderationID: Int64
    public var sectionID: String
    public var firstGrade: Grade?
    public var blindGrade: Grade?
    public var agreedGrade: Grade?

    public init(moderationID: Int64, sectionID: String, firstGrade: Grade?, blindGrade: Grade?, agreedGrade: Grade?) {
        self.moderationID = moderationID
        self.sectionID = sectionID
        self.firstGrade = firstGrade
        self.blindGrade = blindGrade
        self.agreedGrade = agreedGrade
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .moderationID: moderationID.databaseValue
        case .sectionID: sectionID.databaseValue
        case .firstGrade: firstGrade.databaseValue
        case .blindGrade: blindGrade.databaseValue
        case .agreedGrade: agreedGrade.databaseValue
        }
    }
}

import AssayCore
import GRDB

/// A month's moderation sample, as stored (docs/moderation.md): not the month's draw, but
/// a reproducible subsample of its submitted audits for a second, blind grading.
public struct ModerationSample: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let auditID: Int64
        public let caseID: String
        public let team: String
        public let auditor: String
        public let ticket: String
        public let chosenAs: String
        /// Who moderated it, and when; nil until it is moderated.
        public let moderator: String?
        public let moderatedAt: String?
    }

    public let id: Int64
    public let month: Month
    public let seed: String
    public let seedGiven: Bool
    public let algorithm: String
    public let share: Double
    /// Submitted audits of the month when the sample was taken.
    public let population: Int
    public let auditors: Int
    public let total: Int
    public let sampledAt: String
    public let sampledBy: String
    public let replacesSampleID: Int64?
    public let replaceReason: String?
    /// In ticket order.
    public let rows: [Row]

    public var moderatedCount: Int { rows.filter { $0.moderator != nil }.count }
}

/// Where an audit stands in moderation.
public enum ModerationState: String, Sendable {
    /// In the current moderation sample of its month, not yet moderated: blind.
    case pending
    case moderated
}

/// One moderation of an audit: the moderator's blind answers and grades, and the agreed
/// grades that reports count (docs/moderation.md).
public struct Moderation: Sendable, Equatable {
    public struct AnswerRecord: Sendable, Equatable {
        public let questionID: String
        public let value: String?
        public let grade: Grade?
        public let evidence: String?
        public let reason: String?
        public let agreedGrade: Grade?
    }
    public struct SectionRecord: Sendable, Equatable {
        public let sectionID: String
        public let first: Grade?
        public let blind: Grade?
        public let agreed: Grade?
    }

    public let id: Int64
    public let auditID: Int64
    public let sampleID: Int64?
    public let moderator: String
    public let moderatedAt: String
    public let firstOverall: Grade?
    public let blindSuggestedOverall: Grade?
    public let blindOverall: Grade
    public let blindReason: String?
    public let agreedOverall: Grade
    public let agreedReason: String?
    /// Question id → the moderator's answer.
    public let answers: [String: AnswerRecord]
    /// Section id → grades.
    public let sections: [String: SectionRecord]

    init(row: GRDB.Row, answers: [GRDB.Row], sections: [GRDB.Row]) {
        func grade(_ value: Int?) -> Grade? { value.flatMap(Grade.init(rawValue:)) }
        id = row["id"]
        auditID = row["audit_id"]
        sampleID = row["sample_id"]
        moderator = row["moderator"]
        moderatedAt = row["moderated_at"]
        firstOverall = grade(row["first_overall"])
        blindSuggestedOverall = grade(row["blind_suggested_overall"])
        blindOverall = grade(row["blind_overall"]) ?? .good
        blindReason = row["blind_reason"]
        agreedOverall = grade(row["agreed_overall"]) ?? .good
        agreedReason = row["agreed_reason"]
        self.answers = Dictionary(uniqueKeysWithValues: answers.map { r in
            (r["question_id"] as String, AnswerRecord(questionID: r["question_id"], value: r["value"], grade: grade(r["grade"]),
                                                      evidence: r["evidence"], reason: r["reason"], agreedGrade: grade(r["agreed_grade"])))
        })
        self.sections = Dictionary(uniqueKeysWithValues: sections.map { r in
            (r["section_id"] as String, SectionRecord(sectionID: r["section_id"], first: grade(r["first_grade"]),
                                                      blind: grade(r["blind_grade"]), agreed: grade(r["agreed_grade"])))
        })
    }
}

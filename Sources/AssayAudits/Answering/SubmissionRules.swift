import AssayCore
import AssayTemplates

/// The rules an audit must meet to be submitted, shared by the guided shell and
/// `audit --answers FILE` so both refuse exactly the same things (docs/audits.md).
public enum SubmissionRules {
    /// One unmet rule. `questionID` names the question it is about, or nil for the
    /// audit as a whole (`field` then says which part: overall, reason, escalation).
    /// `message` is the domain's words; `remedy`, what the auditor can do about it where it
    /// is not done in the audit itself (an escalation's response), which the shell words as
    /// the command to type (ErrorWording.swift).
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let questionID: String?
        public let field: String
        public let message: String
        public let remedy: UserAction?

        public init(questionID: String?, field: String, message: String, remedy: UserAction? = nil) {
            self.questionID = questionID
            self.field = field
            self.message = message
            self.remedy = remedy
        }

        public var description: String { message + (remedy.map { " (\($0))" } ?? "") }
    }

    /// Every unmet rule, in template order, then the overall judgement, then escalations.
    public static func problems(template: AuditTemplate, answers: [String: Answer], overall: Grade?, reason: String?,
                                openEscalations: [Int64]) -> [Problem] {
        var problems: [Problem] = []
        for question in template.questions {
            let answer = answers[question.id]
            if answer?.isAnswered != true || answer?.skipped == true {
                if question.required {
                    problems.append(Problem(questionID: question.id, field: question.id, message: "question \(question.id) (\(question.prompt)) is required and has no answer"))
                }
                continue
            }
            if question.kind == .yesNo, answer?.value == "na", blank(answer?.reason) {
                problems.append(Problem(questionID: question.id, field: question.id, message: "question \(question.id) is answered na without a reason"))
            }
        }
        let suggested = SuggestedGrades(template: template, answers: gradeAnswers(answers)).overall
        if let overall {
            if let suggested, overall != suggested, blank(reason) {
                problems.append(Problem(questionID: nil, field: "reason", message: "the overall grade \(overall.rawValue) (\(overall.name)) differs from the suggested \(suggested.rawValue) (\(suggested.name)) and needs a reason"))
            }
        } else {
            problems.append(Problem(questionID: nil, field: "overall", message: "no overall grade has been set"))
        }
        for id in openEscalations {
            problems.append(Problem(questionID: nil, field: "escalation", message: "escalation \(id) has no response yet",
                                    remedy: .respondToEscalation(id)))
        }
        return problems
    }

    /// The grade answers, as suggested grades read them.
    public static func gradeAnswers(_ answers: [String: Answer]) -> [String: Grade] {
        answers.compactMapValues { $0.skipped ? nil : $0.grade }
    }

    static func blank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

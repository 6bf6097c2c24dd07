import AssayCore
import AssayTemplates

/// An answer as typed (at the prompt or in an answers file), read against its question.
///
/// One reader for both ways of auditing, so the guided shell and `--answers FILE` accept
/// exactly the same spellings: grades as key, name or number; `yes`/`y`, `no`/`n`,
/// `na`/`n/a` (evidence is `e` at the prompt, so `n` is free to mean no); a choice by its
/// text (any case) or its number in the list; numbers; dates as yyyy-mm-dd.
public struct TypedAnswer: Sendable, Equatable {
    /// Canonical text stored in `audit_answer.value`.
    public let value: String
    public let grade: Grade?
    /// A compliance question answered `na`: it needs a reason before it counts.
    public let notApplicable: Bool

    init(value: String, grade: Grade?, notApplicable: Bool = false) {
        self.value = value
        self.grade = grade
        self.notApplicable = notApplicable
    }

    /// Reads `text` for `question`, or returns what is wrong in words an auditor can act on.
    /// A date answer records what has happened on the case ("when was the child last
    /// seen"), so one after `today` (the day it is answered; UTC, `Today`) is refused.
    public static func read(_ text: String, for question: TemplateQuestion, today: CalendarDate = Today.date()) -> Result<TypedAnswer, AnswerProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(AnswerProblem("no answer given")) }
        switch question.kind {
        case .grade:
            guard let grade = Grade(typed: trimmed) else {
                return .failure(AnswerProblem("\"\(trimmed)\" is not a grade (o/g/r/i, 1–4, or the grade's name)"))
            }
            return .success(TypedAnswer(value: String(grade.rawValue), grade: grade))
        case .yesNo:
            switch trimmed.lowercased() {
            case "yes", "y", "true": return .success(TypedAnswer(value: "yes", grade: nil))
            case "no", "n", "false": return .success(TypedAnswer(value: "no", grade: nil))
            case "na", "n/a", "not applicable": return .success(TypedAnswer(value: "na", grade: nil, notApplicable: true))
            default: return .failure(AnswerProblem("\"\(trimmed)\" is not yes, no or na"))
            }
        case .choice:
            if let choice = question.choices.first(where: { $0.lowercased() == trimmed.lowercased() }) {
                return .success(TypedAnswer(value: choice, grade: nil))
            }
            if let number = Int(trimmed), question.choices.indices.contains(number - 1) {
                return .success(TypedAnswer(value: question.choices[number - 1], grade: nil))
            }
            return .failure(AnswerProblem("\"\(trimmed)\" is not one of the choices: \(question.choices.joined(separator: ", "))"))
        case .text:
            return .success(TypedAnswer(value: trimmed, grade: nil))
        case .number:
            guard let number = Double(trimmed), number.isFinite else {
                return .failure(AnswerProblem("\"\(trimmed)\" is not a number"))
            }
            return .success(TypedAnswer(value: trimmed, grade: nil))
        case .date:
            guard let date = CalendarDate(parsing: trimmed) else {
                return .failure(AnswerProblem("\"\(trimmed)\" is not a date (yyyy-mm-dd)"))
            }
            guard date <= today else {
                return .failure(AnswerProblem("\(date) is in the future (today is \(today)); an audit records what has already happened"))
            }
            return .success(TypedAnswer(value: date.description, grade: nil))
        }
    }
}

/// What is wrong with an answer, in the auditor's words.
public struct AnswerProblem: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

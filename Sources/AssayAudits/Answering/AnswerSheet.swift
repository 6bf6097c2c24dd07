import AssayCore
import AssayTemplates
import Foundation
import Yams

/// A whole audit written in a file (YAML or JSON) for `audit CASE --answers FILE`, read and
/// checked against its template in one pass: every problem is reported with the file, line
/// and field, and nothing is stored unless there are none (docs/audits.md).
public struct AnswerSheet {
    public let answers: [Answer]
    public let overall: Grade
    public let reason: String?
    public let actions: [(what: String, owner: String, due: CalendarDate)]

    static let topKeys: Set<String> = ["answers", "overall", "reason", "actions", "template"]
    static let answerKeys: Set<String> = ["value", "evidence", "reason"]
    static let actionKeys: Set<String> = ["what", "owner", "due"]

    /// The template the file names with `template:`, if it names one (checked before the
    /// template is chosen, so that `--template` and the file can agree).
    public static func templateID(path: String) throws -> String? {
        guard let text = try? text(path), YAMLAliases.firstAliasLine(in: text) == nil,
              let root = try? Yams.compose(yaml: text), let top = root.mapping else { return nil }
        return top.first { $0.key.string == "template" }?.value.string
    }

    /// Reads the file at `path` against `template`; a date answer after `today` is refused.
    public static func read(path: String, template: AuditTemplate, today: CalendarDate = Today.date()) throws -> AnswerSheet {
        try read(path: path, template: template, today: today, extraKeys: [], extra: nil)
    }

    /// Reads the file at `path` against `template`, also allowing `extraKeys` at the top,
    /// which `extra` reads (with the answers read so far) and reports problems of, so that
    /// a file that adds to the answers format (a moderation's `agreed:`) still has every
    /// problem listed at once.
    public static func read(path: String, template: AuditTemplate, today: CalendarDate = Today.date(), extraKeys: Set<String>,
                            extra: ((YAMLFields, [Answer], (Int?, String?, String) -> Void) -> Void)?) throws -> AnswerSheet {
        let file = (path as NSString).lastPathComponent
        let text = try text(path)
        var problems: [InputProblem] = []
        let report: (Int?, String?, String) -> Void = { line, field, reason in
            problems.append(InputProblem(file: file, line: line, field: field, reason: reason))
        }
        func rejected() -> InputRejected { InputRejected(file: file, problems: problems, consequence: "nothing was stored") }
        if let line = YAMLAliases.firstAliasLine(in: text) {
            report(line, nil, YAMLAliases.refusal)
            throw rejected()
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report(1, nil, "the file is empty")
                throw rejected()
            }
            root = node
        } catch let error as YamlError {
            report(TemplateLoader.line(of: error), nil, "not valid YAML or JSON: \(TemplateLoader.problem(of: error))")
            throw rejected()
        }
        guard let top = YAMLFields(root, context: "an answers file", allowed: topKeys.union(extraKeys), report: report) else { throw rejected() }
        if let named = top.string("template", required: false), named != template.id {
            report(top.node("template")?.mark?.line, "template", "the file is for template \(named), but the audit uses \(template.id)")
        }
        let questions = Dictionary(uniqueKeysWithValues: template.questions.map { ($0.id, $0) })
        var answers: [Answer] = []
        var lines: [String: Int] = [:]
        if let answersNode = top.node("answers") {
            if let mapping = answersNode.mapping {
                for (key, valueNode) in mapping {
                    let id = key.string ?? "?"
                    let line = key.mark?.line
                    guard let question = questions[id] else {
                        report(line, "answers", "no question \"\(id)\" in template \(template.id) version \(template.version)")
                        continue
                    }
                    if lines[id] != nil { report(line, id, "answered twice"); continue }
                    lines[id] = line
                    var valueText: String?, evidence: String?, reason: String?
                    // A text answer is free text; every other answer (a grade, yes/no, a
                    // choice, a number, a date) is one line. Evidence and reasons are free text.
                    let valueKind: TextPolicy.Kind = question.kind == .text ? .paragraph : .line
                    if valueNode.mapping != nil {
                        guard let fields = YAMLFields(valueNode, context: "an answer", allowed: answerKeys, report: report) else { continue }
                        valueText = fields.string("value", kind: valueKind)
                        evidence = fields.string("evidence", required: false, kind: .paragraph)
                        reason = fields.string("reason", required: false, kind: .paragraph)
                        if fields.node("evidence") != nil && evidence == nil || fields.node("reason") != nil && reason == nil { continue }
                    } else if let scalar = valueNode.scalar?.string {
                        guard let checked = YAMLFields.checked(scalar, kind: valueKind, node: valueNode, field: id, report: report) else { continue }
                        valueText = checked
                    } else {
                        report(line, id, "expected a value, or a mapping with value, evidence and reason")
                        continue
                    }
                    guard let valueText else { continue }
                    switch TypedAnswer.read(valueText, for: question, today: today) {
                    case .success(let typed):
                        answers.append(Answer(questionID: id, value: typed.value, grade: typed.grade, skipped: false, evidence: evidence, reason: reason))
                    case .failure(let problem):
                        report(line, id, problem.message)
                    }
                }
            } else {
                report(answersNode.mark?.line, "answers", "expected a mapping of question id to answer")
            }
        } else {
            report(top.line, "answers", "missing in an answers file")
        }
        var overall: Grade?
        if let overallText = top.string("overall") {
            overall = Grade(typed: overallText)
            if overall == nil { report(top.node("overall")?.mark?.line, "overall", "\"\(overallText)\" is not a grade (o/g/r/i, 1–4, or the grade's name)") }
        }
        let reason = top.string("reason", required: false, kind: .paragraph)
        var actions: [(what: String, owner: String, due: CalendarDate)] = []
        for node in top.list("actions", required: false) ?? [] {
            guard let fields = YAMLFields(node, context: "an action", allowed: actionKeys, report: report) else { continue }
            let what = fields.string("what", kind: .paragraph), owner = fields.string("owner"), dueText = fields.string("due")
            let due = dueText.flatMap(CalendarDate.init(parsing:))
            if let dueText, due == nil { report(fields.node("due")?.mark?.line, "due", "\"\(dueText)\" is not a date (yyyy-mm-dd)") }
            // Raised when the file is submitted, today: not due before then (ActionDueDate).
            if let due, let problem = ActionDueDate.problem(due: due, raisedOn: ActionDueDate.day()) {
                report(fields.node("due")?.mark?.line, "due", problem)
                continue
            }
            if let what, let owner, let due { actions.append((what, owner, due)) }
        }
        // The rules every submission meets, as the guided shell applies them. A value that
        // did not read is already reported, so only its "required" complaint is dropped.
        let byID = Dictionary(uniqueKeysWithValues: answers.map { ($0.questionID, $0) })
        for problem in SubmissionRules.problems(template: template, answers: byID, overall: overall ?? .good, reason: reason, openEscalations: []) {
            if let id = problem.questionID {
                if lines[id] != nil && byID[id] == nil { continue }
                report(lines[id] ?? top.keyLine("answers") ?? top.line, id, problem.message)
            } else if overall != nil && !(problem.field == "reason" && top.node("reason") != nil && reason == nil) {
                // (A reason that was given but refused is already reported on its own line.)
                report(top.keyLine("overall") ?? top.line, problem.field, problem.message)
            }
        }
        extra?(top, answers, report)
        guard problems.isEmpty, let overall else { throw rejected() }
        return AnswerSheet(answers: answers, overall: overall, reason: reason, actions: actions)
    }

    private static func text(_ path: String) throws -> String {
        let data = try InputFile.data(at: path)  // no such file, a folder, permission denied: one line naming the path
        guard let text = String(data: data, encoding: .utf8) else {
            let file = (path as NSString).lastPathComponent
            throw InputRejected(file: file, problems: [InputProblem(file: file, line: nil, field: nil, reason: "not UTF-8 text")], consequence: "nothing was stored")
        }
        return text
    }
}

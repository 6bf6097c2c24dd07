import AssayCore
import Foundation
import Yams

/// Reads and checks a template file, reporting every problem with file, line and what is
/// wrong (unknown key, duplicate id, missing descriptor, bad kind, empty section, …).
public enum TemplateLoader {
    static let topKeys: Set<String> = ["id", "version", "title", "applies_to", "scale", "lookback_months", "sections"]
    static let sectionKeys: Set<String> = ["id", "title", "questions"]
    static let questionKeys: Set<String> = ["id", "prompt", "guidance", "descriptors", "kind", "choices", "required", "weight", "limits_overall"]

    /// Loads the template at `path`. Its line ends are read as line feeds: the text is
    /// registered as written, and a carriage return is not stored (TextPolicy), so a file
    /// saved with Windows line ends registers as the same file saved with Unix ones.
    public static func load(path: String) throws -> AuditTemplate {
        let name = (path as NSString).lastPathComponent
        let data = try InputFile.data(at: path)  // no such file, a folder, permission denied: one line naming the path
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputRejected(file: name, problems: [InputProblem(file: name, line: nil, field: nil, reason: "not UTF-8 text")], consequence: "nothing was registered")
        }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return try load(text: text, file: name)
    }

    /// Loads a template from its YAML text; `file` names it in errors.
    public static func load(text: String, file: String) throws -> AuditTemplate {
        var problems: [InputProblem] = []
        let report: (Int?, String?, String) -> Void = { line, field, reason in
            problems.append(InputProblem(file: file, line: line, field: field, reason: reason))
        }
        if let line = YAMLAliases.firstAliasLine(in: text) {
            throw InputRejected(file: file, problems: [InputProblem(file: file, line: line, field: nil, reason: YAMLAliases.refusal)], consequence: "nothing was registered")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InputRejected(file: file, problems: [InputProblem(file: file, line: 1, field: nil, reason: "the file is empty")], consequence: "nothing was registered")
            }
            root = node
        } catch let error as YamlError {
            throw InputRejected(file: file, problems: [InputProblem(file: file, line: Self.line(of: error), field: nil, reason: "not valid YAML: \(Self.problem(of: error))")], consequence: "nothing was registered")
        }
        guard let top = YAMLFields(root, context: "the template", allowed: topKeys, report: report) else {
            throw InputRejected(file: file, problems: problems, consequence: "nothing was registered")
        }
        let id = top.string("id")
        if let id, !isIdentifier(id) { report(top.node("id")?.mark?.line, "id", "use lower-case letters, digits and hyphens") }
        let version = top.integer("version", required: true)
        let title = top.string("title")
        let lookback = top.integer("lookback_months", required: false) ?? 6
        let scale = top.string("scale", required: false) ?? "ofsted"
        if scale != "ofsted" { report(top.node("scale")?.mark?.line, "scale", "unknown scale \"\(scale)\" (the scale is ofsted)") }
        var services: [Service] = []
        for node in top.list("applies_to", required: true) ?? [] {
            if let code = node.string, let service = Service(matching: code), Service.fold(code) == Service.fold(service.code) {
                services.append(service)
            } else {
                report(node.mark?.line, "applies_to", "unknown service code \"\(node.string ?? "")\" (codes: \(Service.allCases.map(\.code).joined(separator: ", ")))")
            }
        }
        var sections: [TemplateSection] = []
        var sectionIDs: [String: Int] = [:], questionIDs: [String: Int] = [:]
        let sectionNodes = top.list("sections", required: true) ?? []
        if top.node("sections") != nil && sectionNodes.isEmpty { report(top.node("sections")?.mark?.line, "sections", "a template needs at least one section") }
        for sectionNode in sectionNodes {
            guard let fields = YAMLFields(sectionNode, context: "a section", allowed: sectionKeys, report: report) else { continue }
            let sid = fields.string("id") ?? ""
            if let first = sectionIDs[sid], !sid.isEmpty {
                report(fields.line, "id", "duplicate section id \"\(sid)\" (first on line \(first))")
            }
            sectionIDs[sid] = sectionIDs[sid] ?? fields.line
            let questionNodes = fields.list("questions", required: true) ?? []
            if fields.node("questions") != nil && questionNodes.isEmpty {
                report(fields.node("questions")?.mark?.line ?? fields.line, "questions", "section \"\(sid)\" is empty: a section needs at least one question")
            }
            var questions: [TemplateQuestion] = []
            for questionNode in questionNodes {
                // Duplicates are found from the id alone, before the rest of the question is
                // read, so a question that is also otherwise broken is still named as a
                // duplicate: one pass of `template check` reports every problem.
                let line = questionNode.mark?.line ?? 0
                if let qid = questionNode.mapping?["id"]?.string, !qid.isEmpty {
                    if let first = questionIDs[qid] {
                        report(line, "id", "duplicate question id \"\(qid)\" (first on line \(first))")
                    } else {
                        questionIDs[qid] = line
                    }
                }
                guard let q = question(questionNode, report: report) else { continue }
                questions.append(q)
            }
            sections.append(TemplateSection(id: sid, title: fields.string("title") ?? "", questions: questions))
        }
        // The text is registered as written (`source`): YAML refuses raw control characters,
        // but lets through bidirectional overrides and C1 controls such as NEL, in comments too.
        // Reported on lines that have no problem yet (a value's own is more precise).
        let linesWithProblems = Set(problems.compactMap(\.line))
        for (index, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !linesWithProblems.contains(index + 1) {
            var scalars = String.UnicodeScalarView(line)
            if scalars.last == "\r" { scalars.removeLast() }
            if let reason = TextPolicy.problem(in: String(scalars), kind: .paragraph) { report(index + 1, nil, reason) }
        }
        guard problems.isEmpty, let id, let version, let title else {
            throw InputRejected(file: file, problems: problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }, consequence: "nothing was registered")
        }
        return AuditTemplate(id: id, version: version, title: title, appliesTo: services, scale: scale, lookbackMonths: lookback,
                             sections: sections, source: text, contentSHA256: Hashing.sha256Hex(Array(text.utf8)))
    }

    private static func question(_ node: Node, report: @escaping (Int?, String?, String) -> Void) -> TemplateQuestion? {
        guard let fields = YAMLFields(node, context: "a question", allowed: questionKeys, report: report) else { return nil }
        let id = fields.string("id")
        if let id, !isIdentifier(id) { report(fields.node("id")?.mark?.line, "id", "use lower-case letters, digits and hyphens") }
        let prompt = fields.string("prompt", kind: .paragraph)
        let guidance = fields.string("guidance", required: false, kind: .paragraph)
        let kindText = fields.string("kind") ?? "grade"
        let kind = TemplateQuestion.Kind(rawValue: kindText)
        if kind == nil {
            report(fields.node("kind")?.mark?.line, "kind", "bad kind \"\(kindText)\" (kinds: \(TemplateQuestion.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var descriptors: [Grade: String] = [:]
        var refusedDescriptors = Set<Grade>()  // reported on their lines, so not also "missing"
        if let node = fields.node("descriptors") {
            if kind != .grade {
                report(node.mark?.line, "descriptors", "only grade questions have descriptors")
            } else if let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let grade = key.string.flatMap(Grade.init(typed:)) else {
                        report(key.mark?.line, "descriptors", "\"\(key.string ?? "")\" is not a grade (1–4)")
                        continue
                    }
                    guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                        report(value.mark?.line, "descriptors", "the descriptor for \(grade.rawValue) is empty")
                        continue
                    }
                    guard let checked = YAMLFields.checked(text.trimmingCharacters(in: .whitespacesAndNewlines), kind: .paragraph,
                                                           node: value, field: "descriptors", report: report) else {
                        refusedDescriptors.insert(grade)
                        continue
                    }
                    descriptors[grade] = checked
                }
            } else {
                report(node.mark?.line, "descriptors", "must map each grade 1–4 to a description")
            }
        }
        if kind == .grade {
            let missing = Grade.allCases.filter { descriptors[$0] == nil && !refusedDescriptors.contains($0) }
            if !missing.isEmpty {
                report(fields.node("descriptors")?.mark?.line ?? fields.line, "descriptors",
                       "question \"\(id ?? "?")\" has no descriptor for \(missing.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", "))")
            }
        }
        let choiceTexts = (fields.list("choices", required: false) ?? []).compactMap { node in node.string.map { (node, $0) } }
        let choices = choiceTexts.compactMap { node, text in YAMLFields.checked(text, kind: .line, node: node, field: "choices", report: report) }
        if kind == .choice && choiceTexts.count < 2 {
            report(fields.node("choices")?.mark?.line ?? fields.line, "choices", "a choice question needs at least two choices")
        }
        if kind != .choice && fields.node("choices") != nil {
            report(fields.node("choices")?.mark?.line, "choices", "only choice questions have choices")
        }
        var weight = 1.0
        if let node = fields.node("weight") {
            if kind != .grade { report(node.mark?.line, "weight", "only grade questions are weighted") }
            if let w = node.string.flatMap(Double.init), w > 0, w.isFinite { weight = w } else { report(node.mark?.line, "weight", "must be a positive number") }
        }
        let limits = fields.bool("limits_overall", default: false)
        if limits && kind != .grade { report(fields.node("limits_overall")?.mark?.line, "limits_overall", "only grade questions can limit the overall grade") }
        guard let id, let prompt, let kind else { return nil }
        return TemplateQuestion(id: id, prompt: prompt, guidance: guidance, descriptors: descriptors, kind: kind, choices: choices,
                                required: fields.bool("required", default: true), weight: weight, limitsOverall: limits)
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// The characters YAML ends a line with (`\r\n` is one Character).
    static let yamlLineBreaks: Set<Character> = ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"]

    /// The line a YAML error is on. A reader error (a control character, say) carries only
    /// an offset in characters, so its line is counted; a key given twice carries the line of
    /// its first occurrence.
    public static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        case .reader(_, let offset?, _, let yaml):
            1 + yaml.prefix(offset).filter(yamlLineBreaks.contains).count
        default: nil
        }
    }

    /// What is wrong, in one line: never Yams's own description, which for a key given
    /// twice holds the whole file.
    public static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .reader(let problem, _, let value, _): value >= 0 ? "\(problem) (character 0x\(String(value, radix: 16, uppercase: true)))" : problem
        case .duplicatedKeysInMapping(let duplicates, _):
            "key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) given twice in one mapping"
        default: "\(error)"
        }
    }
}

import Foundation
import Testing

/// Each rule of `AuditRules` (Sources/AssayStore/Rules/AuditRules.swift) is spelled once
/// (issue 21): which audits count, the official grade, what blind moderation hides, which
/// cases a draw may take. A consumer that writes one out again in its own SQL agrees with the
/// rule only until one of them changes, so this reads every Swift file under Sources and fails
/// on a spelling of a rule anywhere but the rules folder (and the migrations, which describe
/// the schema as it was built and are never edited).
///
/// Every pattern is checked to match the rule file itself, so a pattern that no longer finds
/// what it looks for fails here rather than passing for ever.
@Suite struct AuditRulesSpellingTests {
    static let root = ModuleGraphTests.root

    /// Rule → the fragments of SQL that spell it out. A table's alias is a word, or in the
    /// rule file an interpolated parameter (`\(audit)`).
    static let spellings: [(rule: String, pattern: String)] = [
        ("counted: ad-hoc audits left out", #"(?i)unsampled\s*=\s*0"#),
        ("counted: re-audits left out", #"(?i)reaudit\s*=\s*0"#),
        ("counted: audits of drawn cases", #"(?i)draw_id\s+IS\s+NOT\s+NULL"#),
        ("official grade: the agreed one where moderated", #"(?i)coalesce\(\s*(?:\w+|\\\(\w+\))\.agreed_overall"#),
        ("official domain grade: the agreed one", #"(?i)(?:\w+|\\\(\w+\))\.agreed_grade\b"#),
        ("official domain grades: the first auditor's stand when never moderated", #"(?i)NOT\s+EXISTS\s*\(\s*SELECT\s+1\s+FROM\s+moderation\s+\w+\s+WHERE"#),
        ("blind moderation: hidden but from the audit's own auditor", #"(?i)\.auditor\s*(!=|<>)\s*\?"#),
        ("draws: recently drawn cases", #"(?i)max\(\s*\w+\.month\s*\)\s+AS\s+month\s+FROM\s+draw_case"#),
        ("re-audits: the latest audit of its case", #"(?i)(?:\w+|\\\(\w+\))\.month\s*>\s*(?:\w+|\\\(\w+\))\.month\s+OR"#),
    ]

    static let allowedFolders = ["Sources/AssayStore/Rules/", "Sources/AssayStore/Schema/"]

    static func swiftFiles() -> [(path: String, text: String)] {
        let sources = root.appendingPathComponent("Sources")
        guard let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, String)] = []
        for case let file as URL in files where file.pathExtension == "swift" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            found.append((String(file.path.dropFirst(root.path.count + 1)), text))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    @Test func everyPatternFindsItsRuleInTheRulesFile() throws {
        let rules = try String(contentsOf: Self.root.appendingPathComponent("Sources/AssayStore/Rules/AuditRules.swift"), encoding: .utf8)
        for (rule, pattern) in Self.spellings {
            #expect(rules.contains(try Regex(pattern)), "the pattern for \"\(rule)\" no longer matches AuditRules.swift: it would find nothing elsewhere either")
        }
    }

    @Test func noRuleIsSpelledOutsideTheRulesFile() throws {
        let files = Self.swiftFiles()
        let spellings = try Self.spellings.map { ($0.rule, try Regex($0.pattern)) }
        #expect(files.count > 100, "Sources was read: \(files.count) files")
        var found: [String] = []
        for (path, text) in files where !Self.allowedFolders.contains(where: { path.hasPrefix($0) }) {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for (rule, pattern) in spellings where line.contains(pattern) {
                    found.append("\(path):\(number + 1): \(rule) — use AuditRules: \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "rules spelled out again:\n\(found.joined(separator: "\n"))")
    }
}

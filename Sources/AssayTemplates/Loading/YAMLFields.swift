import AssayCore
import Yams

/// Reads one YAML mapping's keys, recording every problem with its line, so a template
/// check reports all that is wrong in one pass.
public struct YAMLFields {
    public let mapping: Node.Mapping
    public let line: Int
    let context: String
    let report: (Int?, String?, String) -> Void

    public init?(_ node: Node, context: String, allowed: Set<String>, report: @escaping (Int?, String?, String) -> Void) {
        guard let mapping = node.mapping else {
            report(node.mark?.line, context, "expected a mapping of keys to values")
            return nil
        }
        self.mapping = mapping
        self.line = node.mark?.line ?? 0
        self.context = context
        self.report = report
        var seen = Set<String>()
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !allowed.contains(name) {
                report(key.mark?.line, name, "unknown key in \(context) (allowed: \(allowed.sorted().joined(separator: ", ")))")
            } else if !seen.insert(name).inserted {
                report(key.mark?.line, name, "key given twice in \(context)")
            }
        }
    }

    public func node(_ key: String) -> Node? {
        mapping.first { $0.key.string == key }?.value
    }

    /// The line the key itself is on (a block value starts on the next line).
    public func keyLine(_ key: String) -> Int? {
        mapping.first { $0.key.string == key }?.key.mark?.line
    }

    /// The key's text, trimmed. `kind` says what it may hold (TextPolicy): `.line` for ids,
    /// names and titles, `.paragraph` for free text. Text it may not hold (a NUL, ESC or BEL,
    /// raw or written as a YAML escape such as `"\u001b"` or `"\0"`) is reported on the
    /// value's line, and nil returned.
    public func string(_ key: String, required: Bool = true, kind: TextPolicy.Kind = .line) -> String? {
        guard let node = node(key) else {
            if required { report(line, key, "missing in \(context)") }
            return nil
        }
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            report(node.mark?.line, key, "must be non-empty text")
            return nil
        }
        return Self.checked(text.trimmingCharacters(in: .whitespacesAndNewlines), kind: kind, node: node, field: key, report: report)
    }

    /// `text` when TextPolicy allows it in a value of `kind`; otherwise the problem is
    /// reported on `node`'s line, naming `field`, and nil returned.
    public static func checked(_ text: String, kind: TextPolicy.Kind, node: Node, field: String,
                               report: (Int?, String?, String) -> Void) -> String? {
        if let reason = TextPolicy.problem(in: text, kind: kind) {
            report(node.mark?.line, field, reason)
            return nil
        }
        return text
    }

    public func integer(_ key: String, required: Bool, minimum: Int = 1) -> Int? {
        guard let node = node(key) else {
            if required { report(line, key, "missing in \(context)") }
            return nil
        }
        guard let text = node.scalar?.string, let value = Int(text), value >= minimum else {
            report(node.mark?.line, key, "must be a whole number of at least \(minimum)")
            return nil
        }
        return value
    }

    public func bool(_ key: String, default value: Bool) -> Bool {
        guard let node = node(key) else { return value }
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(node.mark?.line, key, "must be true or false")
            return value
        }
    }

    public func list(_ key: String, required: Bool) -> [Node]? {
        guard let node = node(key) else {
            if required { report(line, key, "missing in \(context)") }
            return nil
        }
        guard let sequence = node.sequence else {
            report(node.mark?.line, key, "must be a list")
            return nil
        }
        return Array(sequence)
    }
}

import Foundation

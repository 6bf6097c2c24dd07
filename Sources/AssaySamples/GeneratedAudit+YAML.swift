import AssayCore

extension GeneratedAudit {
    /// The audit as an answers file (docs/audits.md): `template`, `answers` in template
    /// order, `overall`, `reason`, `actions`; the day it is audited in a comment at the top
    /// (`# Audited on YYYY-MM-DD`), for the demo to submit it on that day. Every string is
    /// double-quoted so that no answer ("no", "2", a choice with a colon) is ever read as
    /// anything but text.
    public var yaml: String {
        var out = """
            # Synthetic answers for case \(Self.comment(caseID)): \(Self.comment(team)), \(Self.comment(locality)), \(service.code).
            # Made up by assay-samples for the demo; submit with: assay audit \(Self.comment(caseID)) --answers FILE
            # Audited on \(auditedOn): submit it that day (its actions fall due after it).

            template: \(Self.quoted(templateID))
            answers:

            """
        for entry in entries {
            if entry.evidence == nil && entry.reason == nil {
                out += "  \(entry.questionID): \(Self.quoted(entry.value))\n"
                continue
            }
            out += "  \(entry.questionID):\n    value: \(Self.quoted(entry.value))\n"
            if let evidence = entry.evidence { out += "    evidence: \(Self.quoted(evidence))\n" }
            if let reason = entry.reason { out += "    reason: \(Self.quoted(reason))\n" }
        }
        out += "overall: \(Self.quoted(overall.name))\n"
        if let reason { out += "reason: \(Self.quoted(reason))\n" }
        if actions.isEmpty {
            out += "actions: []\n"
        } else {
            out += "actions:\n"
            for action in actions {
                out += "  - what: \(Self.quoted(action.what))\n    owner: \(Self.quoted(action.owner))\n    due: \(Self.quoted(action.due.description))\n"
            }
        }
        return out
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text safe on a comment line.
    static func comment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// One CSV field as a spreadsheet will read it: the rule every CSV Assay writes follows
/// (listings with `--format csv`, and the evidence pack's files; docs/json.md, "CSV").
///
/// A text field that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets an apostrophe before it (OWASP, "CSV injection");
/// so does a text field that already begins with one, so removing exactly one leading `'`
/// from any field that has one gives back the stored value. Numbers are never changed.
public enum SpreadsheetField {
    /// The first characters that make a spreadsheet treat a cell as a formula, and the
    /// apostrophe itself (so the apostrophe can always be removed again).
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "'"]

    /// `text` with an apostrophe before it when a spreadsheet would run it as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    /// RFC 4180: quoted, quotes doubled, when it holds a comma, quote, CR or LF. Scalar by
    /// scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
    public static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out.append("\"") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }
}

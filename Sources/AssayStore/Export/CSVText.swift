import AssayCore

/// RFC 4180 CSV for exported files: a field is quoted when it holds a comma, quote, CR or LF.
///
/// Evidence packs are opened by inspectors in spreadsheets, so a text field that a
/// spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is written with an apostrophe before it (OWASP, "CSV injection"); so is a text
/// field that already begins with an apostrophe, so removing exactly one leading `'` from any
/// field that has one gives back the stored value. Numbers are never changed: `-0.5` stays a
/// number. The rule is SpreadsheetField's, as for every CSV Assay writes (docs/json.md, "CSV").
enum CSVText {
    /// One field: nil for NULL; `isText` for values stored as text (SQLite TEXT, and BLOBs,
    /// written as base64), which are neutralised; numbers are not.
    struct Field {
        let value: String?
        let isText: Bool

        static func text(_ s: String) -> Field { Field(value: s, isText: true) }
        static func number(_ s: String) -> Field { Field(value: s, isText: false) }
        static let null = Field(value: nil, isText: false)
    }

    /// A header line: column names, as text.
    static func line(_ names: [String]) -> String {
        line(names.map(Field.text))
    }

    static func line(_ fields: [Field]) -> String {
        fields.map { field in
            guard let value = field.value else { return "" }
            return SpreadsheetField.quoted(field.isText ? SpreadsheetField.neutralised(value) : value)
        }.joined(separator: ",") + "\r\n"
    }
}

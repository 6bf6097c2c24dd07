import AssayCore

extension CSVRecord {
    /// A header record's column names, for every CSV Assay imports (registers, past
    /// audits): refused, naming the file, when there is no header record (`whenEmpty` says
    /// what the file needs) or a name is not UTF-8 (naming the line and column).
    public static func header(_ record: CSVRecord?, file: String, whenEmpty: String) throws -> [String] {
        guard let record else {
            throw InputRejected(file: file, problems: [InputProblem(file: file, line: 1, field: nil, reason: "the file is empty; \(whenEmpty)")])
        }
        return try record.fields.enumerated().map { index, bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw InputRejected(file: file, problems: [InputProblem(file: file, line: record.line, field: "column \(index + 1)", reason: "invalid UTF-8 in the header; save the file as UTF-8")])
            }
            return text
        }
    }
}

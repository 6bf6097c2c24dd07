import AssayCore
import Foundation

/// Reads the month's sample as `assay sample MONTH --format csv` prints it.
///
/// Columns are found by their header names, not their positions, because the listing grows
/// (status and auditor columns were added after case, team, locality and service); only
/// `case_id`, `team`, `locality` and `service` are needed. Fields follow RFC 4180, so a team
/// such as "Children in Care, Permanence" arrives quoted and is read back whole.
public enum SampleCSV {
    static let needed = ["case_id", "team", "locality", "service"]

    /// The cases in the CSV file at `path`.
    public static func read(path: String) throws -> [SampledCase] {
        guard let data = FileManager.default.contents(atPath: path) else { throw SamplesError.cannotRead(path: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw SamplesError.badSample(file: path, line: nil, problem: "not UTF-8 text") }
        return try parse(text, file: (path as NSString).lastPathComponent)
    }

    /// The cases in `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> [SampledCase] {
        let records = try records(text, file: file)
        guard let header = records.first else { throw SamplesError.emptySample(file: file) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for name in needed {
            guard let index = names.firstIndex(of: name) else {
                throw SamplesError.missingColumn(file: file, column: name, needed: needed)
            }
            column[name] = index
        }
        var cases: [SampledCase] = []
        for (offset, record) in records.dropFirst().enumerated() {
            if record.count == 1 && record[0].isEmpty { continue }  // a blank line
            guard record.count == header.count else {
                throw SamplesError.badSample(file: file, line: offset + 2, problem: "\(record.count) fields where the header has \(header.count)")
            }
            func field(_ name: String) -> String { record[column[name]!].trimmingCharacters(in: .whitespaces) }
            let serviceText = field("service")
            let service = serviceText.isEmpty ? nil : Service(matching: serviceText)
            if !serviceText.isEmpty && service == nil {
                throw SamplesError.badSample(file: file, line: offset + 2, problem: "unknown service \"\(serviceText)\"")
            }
            cases.append(SampledCase(caseID: field("case_id"), team: field("team"), locality: field("locality"), service: service))
        }
        return cases
    }

    /// RFC 4180 records: fields split on commas, quoted fields may hold commas, doubled
    /// quotes and line ends; records end with LF or CRLF.
    static func records(_ text: String, file: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case ",":
                record.append(field)
                field = ""
                wasQuoted = false
            case "\n", "\r\n", "\r":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                wasQuoted = false
            default:
                field.append(c)
            }
        }
        if quoted { throw SamplesError.badSample(file: file, line: nil, problem: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || !record.isEmpty || wasQuoted {
            record.append(field)
            records.append(record)
        }
        return records
    }
}

import AssayCore

/// One register row, checked and typed.
struct RegisterRow {
    let caseID: String
    let team: String
    let locality: String
    let service: Service?
    let worker: String?
    let opened: CalendarDate?
    let attributes: [(String, String)]
}

/// Checks register rows one at a time, remembering case ids to catch duplicates.
struct RegisterRowValidator {
    let file: String
    let layout: RegisterLayout
    let asOf: CalendarDate
    let serviceMap: [String: Service]
    private var firstLineOfCase: [String: Int] = [:]
    /// Registers spell a handful of services many thousand times: match each spelling once.
    private var serviceBySpelling: [String: Service?] = [:]

    private mutating func services(_ raw: String) -> Service? {
        if let known = serviceBySpelling[raw] { return known }
        let found = Service(matching: raw) ?? serviceMap[Service.fold(raw)]
        serviceBySpelling[raw] = found
        return found
    }

    init(file: String, layout: RegisterLayout, asOf: CalendarDate, serviceMap: [String: Service]) {
        self.file = file
        self.layout = layout
        self.asOf = asOf
        self.serviceMap = serviceMap
    }

    mutating func validate(_ record: CSVRecord) -> Result<RegisterRow, ProblemList> {
        var problems: [InputProblem] = []
        func problem(_ field: String?, _ reason: String, remedy: UserAction? = nil) {
            problems.append(InputProblem(file: file, line: record.line, field: field, reason: reason, remedy: remedy))
        }
        if let malformation = record.malformation {
            problem(nil, malformation)
            return .failure(ProblemList(problems))
        }
        guard record.fields.count == layout.columnCount else {
            problem(nil, "expected \(layout.columnCount) fields, found \(record.fields.count)")
            return .failure(ProblemList(problems))
        }
        // Fields are one line: ids, teams, localities, services, workers, dates. A kept
        // attribute may be free text (a note with a quoted line break, its CRLF or CR read as
        // a line feed). A NUL would shorten a value; ESC or BEL would act on terminals.
        func text(_ index: Int, _ name: String, kind: TextPolicy.Kind = .line) -> String? {
            guard var s = FieldText.trimmed(record.fields[index]) else {
                problem(name, "invalid UTF-8; save the file as UTF-8")
                return nil
            }
            if kind == .paragraph, s.utf8.contains(UInt8(ascii: "\r")) {
                s = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            }
            if let reason = TextPolicy.problem(in: s, kind: kind) {
                problem(name, reason)
                return nil
            }
            return s
        }
        func value(_ field: RegisterField) -> String? {
            guard let index = layout.fieldColumn[field] else { return nil }
            guard let s = text(index, field.rawValue) else { return nil }
            if s.isEmpty {
                if field.isRequired { problem(field.rawValue, "required field is empty") }
                return nil
            }
            return s
        }
        let caseID = value(.caseID), team = value(.team), locality = value(.locality)
        let worker = value(.worker)
        var service: Service?
        if let raw = value(.service) {
            service = services(raw)
            if service == nil {
                problem("service", "unknown service \"\(raw)\" (codes: \(Service.allCases.map(\.code).joined(separator: ", ")))",
                        remedy: .mapService(spelling: raw))
            }
        }
        var opened: CalendarDate?
        if let raw = value(.opened) {
            opened = CalendarDate(parsing: raw)
            if let date = opened, date > asOf {
                problem("opened", "\(date) is after the register's as-of date \(asOf)")
            } else if opened == nil {
                problem("opened", "unparsable date \"\(raw)\"; write YYYY-MM-DD or DD/MM/YYYY (never month first)")
            }
        }
        var attributes: [(String, String)] = []
        for (name, index) in layout.kept {
            if let s = text(index, name, kind: .paragraph), !s.isEmpty { attributes.append((name, s)) }
        }
        if let caseID {
            if let first = firstLineOfCase[caseID] {
                problem("case_id", "duplicate case id \"\(caseID)\" (first on line \(first))")
            } else {
                firstLineOfCase[caseID] = record.line
            }
        }
        guard problems.isEmpty, let caseID, let team, let locality else {
            return .failure(ProblemList(problems))
        }
        return .success(RegisterRow(caseID: caseID, team: team, locality: locality, service: service,
                                    worker: worker, opened: opened, attributes: attributes))
    }
}

/// Problems with one row (an `Error` so it can travel in a `Result`).
struct ProblemList: Error {
    let problems: [InputProblem]
    init(_ problems: [InputProblem]) { self.problems = problems }
}

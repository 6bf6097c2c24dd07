import AssayCore
import AssayRegister

/// The fixed columns of a past-audits file (docs/audits.md, "Importing past audits"). Domain
/// grades come in any number of further columns named `domain_<section id>`.
enum PastAuditField: String, CaseIterable, Sendable {
    case month
    case caseID = "case_id"
    case team
    case locality
    case service
    case overall
    case auditor

    /// A past audit needs its month, case, team, locality and overall grade; the service and
    /// the auditor may be missing (older records often lack them).
    var isRequired: Bool { self != .service && self != .auditor }

    /// Headers match ignoring case, spaces and underscores, as register headers do.
    static func fold(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "\t" })
    }

    init?(header: String) {
        let key = Self.fold(header)
        guard let field = Self.allCases.first(where: { Self.fold($0.rawValue) == key }) else { return nil }
        self = field
    }
}

/// Which column gives which field, and which columns hold domain grades, worked out from the
/// header line; every problem is reported against line 1.
struct PastAuditLayout {
    var fieldColumn: [PastAuditField: Int] = [:]
    /// Domain columns: the section id, the column's position and its header as written, in file order.
    var domains: [(sectionID: String, index: Int, header: String)] = []
    /// Columns that are neither a field nor a domain: not stored.
    var dropped: [String] = []
    let columnCount: Int

    static let domainPrefix = "domain_"

    init(header: [String], file: String) throws {
        columnCount = header.count
        var problems: [InputProblem] = []
        func problem(_ field: String?, _ reason: String) {
            problems.append(InputProblem(file: file, line: 1, field: field, reason: reason))
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var domainColumn: [String: String] = [:]
        for (index, name) in names.enumerated() {
            if name.lowercased().hasPrefix(Self.domainPrefix) {
                let sectionID = String(name.dropFirst(Self.domainPrefix.count)).trimmingCharacters(in: .whitespaces).lowercased()
                guard Self.isSectionID(sectionID) else {
                    problem(name, "a domain column is named domain_<section id>, the id in lower-case letters, digits and hyphens")
                    continue
                }
                if let other = domainColumn[sectionID] {
                    problem(name, "columns \"\(other)\" and \"\(name)\" both give domain \(sectionID)")
                    continue
                }
                domainColumn[sectionID] = name
                domains.append((sectionID, index, name))
            } else if let field = PastAuditField(header: name) {
                if let other = fieldColumn[field] {
                    problem(field.rawValue, "columns \"\(names[other])\" and \"\(name)\" both give \(field.rawValue)")
                    continue
                }
                fieldColumn[field] = index
            } else {
                dropped.append(name)
            }
        }
        for field in PastAuditField.allCases where field.isRequired && fieldColumn[field] == nil {
            problem(field.rawValue, "no column gives this required field (columns: \(names.joined(separator: ", ")))")
        }
        if !problems.isEmpty { throw InputRejected(file: file, problems: problems) }
    }

    /// Section ids as templates write them: lower-case letters, digits, hyphens, underscores.
    static func isSectionID(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

/// One past audit as read from the file, checked and typed.
struct PastAuditRow {
    let month: Month
    let caseID: String
    let team: String
    let locality: String
    let service: Service?
    let overall: Grade
    let auditor: String?
    /// Section id → grade, for the domain columns that were filled in (file order).
    let domainGrades: [(sectionID: String, grade: Grade)]
}

/// Checks past-audit rows one at a time, remembering (month, case) pairs to catch repeats.
struct PastAuditRowValidator {
    let file: String
    let layout: PastAuditLayout
    /// The latest month a past audit may belong to: the current month.
    let latestMonth: Month
    private var firstLine: [String: Int] = [:]

    init(file: String, layout: PastAuditLayout, latestMonth: Month) {
        self.file = file
        self.layout = layout
        self.latestMonth = latestMonth
    }

    /// The row, or every problem with it. `alreadyAudited` says, for a month and case,
    /// what audit it already has in the database (nil when none).
    mutating func validate(_ record: CSVRecord, alreadyAudited: (Month, String) throws -> String?) rethrows -> (row: PastAuditRow?, problems: [InputProblem]) {
        var problems: [InputProblem] = []
        func problem(_ field: String?, _ reason: String) {
            problems.append(InputProblem(file: file, line: record.line, field: field, reason: reason))
        }
        if let malformation = record.malformation {
            problem(nil, malformation)
            return (nil, problems)
        }
        guard record.fields.count == layout.columnCount else {
            problem(nil, "expected \(layout.columnCount) fields, found \(record.fields.count)")
            return (nil, problems)
        }
        func text(_ index: Int, _ name: String) -> String? {
            guard let s = FieldText.trimmed(record.fields[index]) else {
                problem(name, "invalid UTF-8; save the file as UTF-8")
                return nil
            }
            // Every value of a past audit is one line (months, ids, teams, grades, names): a
            // NUL would shorten it; ESC or BEL would act on whoever reads it later.
            if let reason = TextPolicy.problem(in: s, kind: .line) {
                problem(name, reason)
                return nil
            }
            return s.isEmpty ? nil : s
        }
        func value(_ field: PastAuditField) -> String? {
            guard let index = layout.fieldColumn[field] else { return nil }
            guard let s = FieldText.trimmed(record.fields[index]) else {
                problem(field.rawValue, "invalid UTF-8; save the file as UTF-8")
                return nil
            }
            if let reason = TextPolicy.problem(in: s, kind: .line) {
                problem(field.rawValue, reason)
                return nil
            }
            if s.isEmpty {
                if field.isRequired { problem(field.rawValue, "required field is empty") }
                return nil
            }
            return s
        }
        let caseID = value(.caseID), team = value(.team), locality = value(.locality), auditor = value(.auditor)
        var month: Month?
        if let raw = value(.month) {
            month = Month(raw)
            if let m = month, m > latestMonth {
                problem("month", "\(m) is after the current month \(latestMonth); past audits belong to past months")
                month = nil
            } else if month == nil {
                problem("month", "\"\(raw)\" is not a month; write YYYY-MM")
            }
        }
        var service: Service?
        if let raw = value(.service) {
            service = Service(matching: raw)
            if service == nil {
                problem("service", "unknown service \"\(raw)\" (codes: \(Service.allCases.map(\.code).joined(separator: ", ")))")
            }
        }
        var overall: Grade?
        if let raw = value(.overall) {
            overall = Grade(typed: raw)
            if overall == nil { problem("overall", Self.notAGrade(raw)) }
        }
        var domainGrades: [(sectionID: String, grade: Grade)] = []
        for (sectionID, index, name) in layout.domains {
            guard let raw = text(index, name) else { continue }
            if let grade = Grade(typed: raw) {
                domainGrades.append((sectionID, grade))
            } else {
                problem(name, Self.notAGrade(raw))
            }
        }
        if let month, let caseID {
            let key = month.description + "\u{0}" + caseID
            if let first = firstLine[key] {
                problem("case_id", "case \(caseID) is audited twice in \(month) (first on line \(first))")
            } else {
                firstLine[key] = record.line
                if let existing = try alreadyAudited(month, caseID) {
                    problem("case_id", "case \(caseID) already has \(existing) in \(month)")
                }
            }
        }
        guard problems.isEmpty, let month, let caseID, let team, let locality, let overall else { return (nil, problems) }
        return (PastAuditRow(month: month, caseID: caseID, team: team, locality: locality, service: service,
                             overall: overall, auditor: auditor, domainGrades: domainGrades), [])
    }

    static func notAGrade(_ raw: String) -> String {
        "\"\(raw)\" is not a grade (o/g/r/i, 1–4, or the grade's name)"
    }
}

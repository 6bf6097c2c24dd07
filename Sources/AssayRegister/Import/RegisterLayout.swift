import AssayCore

/// Which column of a register file gives which field, worked out from its header line and
/// the lead's column map and columns to keep (`--map`, `--keep`), with every problem found
/// reported against line 1. A problem in a map or a keep names it as its `request`, and
/// one the lead can fix by an option carries that as its `remedy`: the shell words both.
struct RegisterLayout {
    var fieldColumn: [RegisterField: Int] = [:]
    /// Kept columns: header as written, and position.
    var kept: [(name: String, index: Int)] = []
    var dropped: [String] = []
    /// Kept columns that look like personal data, kept because personal data is allowed.
    var personal: [String] = []
    let columnCount: Int

    init(header: [String], options: RegisterImportOptions, file: String) throws {
        columnCount = header.count
        var problems: [InputProblem] = []
        func problem(_ field: String?, _ reason: String, request: UserAction? = nil, remedy: UserAction? = nil) {
            problems.append(InputProblem(file: file, line: 1, field: field, reason: reason, request: request, remedy: remedy))
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        func column(named wanted: String) -> Int? {
            names.firstIndex { RegisterField.fold($0) == RegisterField.fold(wanted) }
        }

        var claimedBy: [RegisterField: String] = [:]
        func claim(_ field: RegisterField, _ index: Int) {
            if let other = claimedBy[field], other != names[index] {
                problem(field.rawValue, "columns \"\(other)\" and \"\(names[index])\" both give \(field.rawValue)")
                return
            }
            claimedBy[field] = names[index]
            fieldColumn[field] = index
        }
        var mapped = Set<Int>()
        for (columnName, fieldName) in options.columnMap {
            let request = UserAction.mapColumn(columnName, toField: fieldName)
            guard let field = RegisterField(header: fieldName) else {
                problem(nil, "unknown field \"\(fieldName)\" (fields: \(RegisterField.allCases.map(\.rawValue).joined(separator: ", ")))",
                        request: request)
                continue
            }
            guard let index = column(named: columnName) else {
                problem(nil, "the file has no column \"\(columnName)\"", request: request)
                continue
            }
            mapped.insert(index)
            claim(field, index)
        }
        for (index, name) in names.enumerated() where !mapped.contains(index) {
            if let field = RegisterField(header: name), fieldColumn[field] == nil { claim(field, index) }
        }
        let used = Set(fieldColumn.values)
        for keepName in options.keep {
            let request = UserAction.keepColumn(keepName)
            guard let index = column(named: keepName) else {
                problem(nil, "the file has no column \"\(keepName)\"", request: request)
                continue
            }
            if used.contains(index) {
                problem(nil, "that column is already read as a field", request: request)
                continue
            }
            if let kind = PersonalDataColumn.kind(of: names[index]) {
                if !options.allowPersonalData {
                    problem(nil, "the column looks like personal data about a child or family (\(kind)); sampling and reports never need it",
                            request: request, remedy: .allowPersonalData)
                    continue
                }
                personal.append(names[index])
            }
            // A kept column's header is stored (the attribute's name): one line, like its values.
            if let reason = TextPolicy.problem(in: names[index], kind: .line) {
                problem("column \(index + 1)", "the header of a kept column \(reason)")
                continue
            }
            if !kept.contains(where: { $0.index == index }) { kept.append((names[index], index)) }
        }
        for field in RegisterField.allCases where field.isRequired && fieldColumn[field] == nil {
            problem(field.rawValue, "no column gives this required field (columns: \(names.joined(separator: ", ")))",
                    remedy: .mapColumn(nil, toField: field.rawValue))
        }
        let keptIndexes = Set(kept.map(\.index))
        dropped = names.enumerated().filter { !used.contains($0.offset) && !keptIndexes.contains($0.offset) }.map(\.element)
        if !problems.isEmpty { throw InputRejected(file: file, problems: problems) }
    }
}

import AssayCore

/// The return's JSON, field by field as docs/regional.md and
/// docs/schemas/authority-return.schema.json give it; read back strictly, every refusal
/// naming the file and the field.
extension AuthorityReturn {
    public static let gradeNames = ["1", "2", "3", "4"]

    public var json: JSONValue {
        var counts: [String: JSONValue] = ["mode": .string("exact")]
        if case .suppressed(let k) = self.counts {
            counts = ["mode": .string("suppressed"), "suppress_below": .integer(Int64(k))]
        }
        return .object([
            "format": .string(Self.format),
            "format_version": .integer(Self.formatVersion),
            "authority": .string(authority),
            "key_id": .string(keyID),
            "from": .string(from.description),
            "to": .string(to.description),
            "made_at": .string(madeAt),
            "as_of": .string(asOf.description),
            "chain_head": .string(chainHead),
            "assay_version": .string(assayVersion),
            "counts": .object(counts),
            "templates": .array(templates.map {
                .object(["id": .string($0.id), "version": .integer(Int64($0.version)), "sha256": .string($0.sha256)])
            }),
            "strata": .array(strata.map(\.json)),
        ])
    }

    /// Reads a return's JSON; `source` names the file in errors.
    public init(json: JSONValue, source: String) throws {
        let r = Fields(json, path: "", source: source)
        guard try r.string("format") == Self.format else {
            throw ReturnFileError.notAReturn(source: source, format: Self.format)
        }
        try r.only(["format", "format_version", "authority", "key_id", "from", "to", "made_at", "as_of", "chain_head",
                    "assay_version", "counts", "templates", "strata"])
        guard try r.integer("format_version") == Self.formatVersion else {
            throw ReturnFileError.unknownFormatVersion(source: source, version: try r.integer("format_version"), supported: Self.formatVersion)
        }
        let countsField = try r.object("counts")
        try countsField.only(["mode", "suppress_below"])
        let counts: Counts
        switch try countsField.string("mode") {
        case "exact": counts = .exact
        case "suppressed":
            let k = try countsField.integer("suppress_below")
            guard k >= 2 else { throw r.failure("counts.suppress_below", "must be at least 2") }
            counts = .suppressed(threshold: Int(k))
        default: throw r.failure("counts.mode", "must be exact or suppressed")
        }
        let from = try r.month("from"), to = try r.month("to")
        guard from <= to else { throw r.failure("to", "is before from") }
        guard let asOf = CalendarDate(parsing: try r.string("as_of")) else { throw r.failure("as_of", "is not a date yyyy-mm-dd") }
        let keyID = try r.string("key_id")
        guard keyID.count == 64, keyID.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw r.failure("key_id", "is not 64 lower-case hex digits")
        }
        let templates = try r.array("templates").map { t in
            try t.only(["id", "version", "sha256"])
            return AuthorityReturn.Template(id: try t.string("id"), version: Int(try t.integer("version")), sha256: try t.string("sha256"))
        }
        let strata = try r.array("strata").map { try Stratum(fields: $0, from: from, to: to) }
        self.init(authority: try r.string("authority"), keyID: keyID, from: from, to: to, madeAt: try r.string("made_at"),
                  asOf: asOf, chainHead: try r.string("chain_head"), assayVersion: try r.string("assay_version"),
                  counts: counts, templates: templates, strata: strata)
        guard !authority.isEmpty else { throw r.failure("authority", "is empty") }
        if counts == .exact, strata.contains(where: { $0.hasHiddenFigure }) {
            throw r.failure("counts.mode", "is exact but a figure is hidden ([c])")
        }
    }
}

extension AuthorityReturn.Stratum {
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "month": .string(month.description),
            "origin": .string(isImported ? "imported" : "drawn"),
            "key": .object(key.mapValues(JSONValue.string)),
            "frame_cases": frameCases.map(\.json) ?? .null,
            "audited": audited.json,
            "grades": Self.gradeObject(grades),
            "inadequate": inadequate.json,
            "domains": .object(domains.mapValues(Self.gradeObject)),
            "moderation": .object(["moderated": moderated.json, "same_overall": moderationAgreed.json]),
            "actions": .object(["raised": actionsRaised.json, "done_on_time": actionsDoneOnTime.json, "overdue": actionsOverdue.json]),
        ]
        members["draw"] = draw.map { .integer($0) } ?? .null
        members["position"] = position.map { .integer(Int64($0)) } ?? .null
        return .object(members)
    }

    static func gradeObject(_ figures: [AuthorityReturn.Figure]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: zip(AuthorityReturn.gradeNames, figures.map(\.json))))
    }

    var hasHiddenFigure: Bool {
        let all = [frameCases ?? .count(0), audited, moderated, moderationAgreed, actionsRaised, actionsDoneOnTime, actionsOverdue]
            + grades + domains.values.flatMap { $0 }
        return all.contains(.hidden)
    }

    init(fields s: Fields, from: Month, to: Month) throws {
        try s.only(["month", "origin", "draw", "position", "key", "frame_cases", "audited", "grades", "inadequate", "domains",
                    "moderation", "actions"])
        let month = try s.month("month")
        guard month >= from && month <= to else { throw s.failure("month", "\(month) is outside the return's months \(from) to \(to)") }
        let origin = try s.string("origin")
        guard origin == "drawn" || origin == "imported" else { throw s.failure("origin", "must be drawn or imported") }
        let imported = origin == "imported"
        let draw = try s.optionalInteger("draw"), position = try s.optionalInteger("position")
        guard imported == (draw == nil), imported == (position == nil) else {
            throw s.failure("draw", "a drawn stratum has a draw and a position, imported history neither")
        }
        let frame = try s.optionalFigure("frame_cases")
        guard imported == (frame == nil) else { throw s.failure("frame_cases", "a drawn stratum has one, imported history none (null)") }
        let key = try s.object("key").stringMap()
        let grades = try s.object("grades").grades()
        let domainFields = try s.object("domains")
        var domains: [String: [AuthorityReturn.Figure]] = [:]
        for name in domainFields.keys { domains[name] = try domainFields.object(name).grades() }
        let moderation = try s.object("moderation"), actions = try s.object("actions")
        try moderation.only(["moderated", "same_overall"])
        try actions.only(["raised", "done_on_time", "overdue"])
        self.init(month: month, draw: draw, position: position.map(Int.init), key: key, frameCases: frame,
                  audited: try s.figure("audited"), grades: grades, domains: domains,
                  moderated: try moderation.figure("moderated"), moderationAgreed: try moderation.figure("same_overall"),
                  actionsRaised: try actions.figure("raised"), actionsDoneOnTime: try actions.figure("done_on_time"),
                  actionsOverdue: try actions.figure("overdue"))
        guard try s.figure("inadequate") == inadequate else { throw s.failure("inadequate", "differs from grades.4") }
        if let n = audited.value, let N = frame?.value, n > N {
            throw s.failure("audited", "\(n) audits from \(N) frame cases")
        }
        if let n = audited.value, grades.allSatisfy({ $0 != .hidden }), grades.compactMap(\.value).reduce(0, +) != n {
            throw s.failure("grades", "do not add up to audited (\(n))")
        }
    }
}

extension AuthorityReturn.Figure {
    var json: JSONValue {
        switch self {
        case .count(let n): .integer(Int64(n))
        case .hidden: .string(SuppressedMarker.text)
        }
    }
}

/// The symbol of a hidden figure, as every public report shows it.
enum SuppressedMarker {
    static let text = "[c]"
}

/// A JSON object being read, with its path for errors.
struct Fields {
    let value: JSONValue
    let path: String
    let source: String

    init(_ value: JSONValue, path: String, source: String) {
        self.value = value
        self.path = path
        self.source = source
    }

    func failure(_ field: String, _ what: String) -> ReturnFileError {
        let name = field.contains(".") || path.isEmpty ? field : "\(path).\(field)"
        return .badField(source: source, field: name, what: what)
    }

    private func member(_ name: String) throws -> JSONValue {
        guard let object = value.object else { throw failure("", "is not an object") }
        guard let v = object[name] else { throw failure(name, "is missing") }
        return v
    }

    var keys: [String] { value.object.map { Array($0.keys) } ?? [] }

    /// Refuses a member the format does not have (the schema's additionalProperties: false).
    func only(_ allowed: Set<String>) throws {
        if let extra = keys.filter({ !allowed.contains($0) }).sorted().first { throw failure(extra, "is not a field of the format") }
    }

    func string(_ name: String) throws -> String {
        guard let s = try member(name).string else { throw failure(name, "is not a string") }
        return s
    }

    func integer(_ name: String) throws -> Int64 {
        guard let i = try member(name).integer else { throw failure(name, "is not a whole number") }
        return i
    }

    func optionalInteger(_ name: String) throws -> Int64? {
        let v = try member(name)
        if v == .null { return nil }
        guard let i = v.integer, i >= 0 else { throw failure(name, "is not a whole number or null") }
        return i
    }

    func month(_ name: String) throws -> Month {
        guard let m = Month(try string(name)) else { throw failure(name, "is not a month yyyy-mm") }
        return m
    }

    func object(_ name: String) throws -> Fields {
        let v = try member(name)
        guard v.object != nil else { throw failure(name, "is not an object") }
        return Fields(v, path: path.isEmpty ? name : "\(path).\(name)", source: source)
    }

    func array(_ name: String) throws -> [Fields] {
        guard let items = try member(name).array else { throw failure(name, "is not an array") }
        return items.enumerated().map { Fields($1, path: "\(path.isEmpty ? name : "\(path).\(name)")[\($0)]", source: source) }
    }

    func figure(_ name: String) throws -> AuthorityReturn.Figure {
        let v = try member(name)
        if v.string == SuppressedMarker.text { return .hidden }
        guard let i = v.integer, i >= 0, i <= Int64(Int32.max) else { throw failure(name, "is not a count or \(SuppressedMarker.text)") }
        return .count(Int(i))
    }

    func optionalFigure(_ name: String) throws -> AuthorityReturn.Figure? {
        if try member(name) == .null { return nil }
        return try figure(name)
    }

    func grades() throws -> [AuthorityReturn.Figure] {
        guard Set(keys) == Set(AuthorityReturn.gradeNames) else { throw failure("", "must have exactly the grades 1, 2, 3 and 4") }
        return try AuthorityReturn.gradeNames.map(figure)
    }

    func stringMap() throws -> [String: String] {
        var out: [String: String] = [:]
        for k in keys { out[k] = try string(k) }
        return out
    }
}

import AssayCore

/// What a report's rows are broken down by (`--by`): the fields of the audit a group is
/// named by, in the order they print.
public struct ReportGrouping: Sendable, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable, CaseIterable {
        case team, locality, service
    }

    public let fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    /// Reads `team`, `locality`, `service` or a comma-separated pair such as `team,locality`.
    public init(parsing text: String) throws {
        var fields: [Field] = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let field = Field(rawValue: word) else { throw ReportError.unknownGroupingField(text: text, word: word) }
            guard !fields.contains(field) else { throw ReportError.groupingFieldTwice(text: text, word: word) }
            fields.append(field)
        }
        guard !fields.isEmpty else { throw ReportError.noGroupingField }
        self.fields = fields
    }

    public static let team = ReportGrouping(fields: [.team])

    public var description: String { fields.map(\.rawValue).joined(separator: ",") }

    /// The group an audit belongs to, as (field, value) pairs; nil when a field is missing
    /// (an audit without a service is in no service group).
    public func group(of audit: ReportedAudit) -> ReportGroup? {
        var values: [ReportGroup.Value] = []
        for field in fields {
            switch field {
            case .team: values.append(.init(field: "team", value: audit.team))
            case .locality: values.append(.init(field: "locality", value: audit.locality))
            case .service:
                guard let service = audit.service else { return nil }
                values.append(.init(field: "service", value: service.code))
            }
        }
        return ReportGroup(values: values)
    }

    /// Whether `audit`'s values of the fields are `values`, in order (false when it lacks a
    /// field): `group(of:)`'s values compared field by field, without building a group, for
    /// the reports that ask it of every audit.
    public func audit(_ audit: ReportedAudit, hasValues values: [String]) -> Bool {
        guard values.count == fields.count else { return false }
        for (field, value) in zip(fields, values) {
            switch field {
            case .team: if audit.team != value { return false }
            case .locality: if audit.locality != value { return false }
            case .service: if audit.service?.code != value { return false }
            }
        }
        return true
    }
}

/// One group of a report: `{}` for the whole authority, or e.g. team = "CP North".
public struct ReportGroup: Sendable, Hashable, Comparable, CustomStringConvertible {
    public struct Value: Sendable, Hashable {
        public let field: String
        public let value: String
    }

    public let values: [Value]

    public static let authority = ReportGroup(values: [])

    public var isAuthority: Bool { values.isEmpty }

    /// "CP North / Northmoor", or "Authority".
    public var description: String { isAuthority ? "Authority" : values.map(\.value).joined(separator: " / ") }

    public static func < (lhs: ReportGroup, rhs: ReportGroup) -> Bool {
        lhs.values.map { $0.value.lowercased() }.lexicographicallyPrecedes(rhs.values.map { $0.value.lowercased() })
    }
}

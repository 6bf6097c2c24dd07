/// The fields Assay takes from a case register. Everything else in the export is dropped
/// unless the lead keeps it as an attribute: we store only what sampling and reporting need.
public enum RegisterField: String, CaseIterable, Sendable {
    case caseID = "case_id"
    case team
    case locality
    case service
    case worker
    case opened

    public var isRequired: Bool { self == .caseID || self == .team || self == .locality }

    /// Header names match ignoring case, spaces and underscores ("Case ID", "case_id", "CaseId").
    static func fold(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "\t" })
    }

    init?(header: String) {
        let key = Self.fold(header)
        guard let field = Self.allCases.first(where: { Self.fold($0.rawValue) == key }) else { return nil }
        self = field
    }
}

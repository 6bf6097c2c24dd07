import AssayCore

/// One row of a generated case register: an open case as the case-management system would
/// export it, with the values spelled as the file spells them and, alongside, what they mean.
public struct OpenCase: Sendable, Equatable {
    public let caseID: String
    public let team: String
    public let locality: String
    /// The service the case belongs to…
    public let service: Service
    /// …and how the export spells it ("Child in need", "child-in-need", "CHILD_IN_NEED").
    public let serviceAsWritten: String
    /// The allocated worker; empty when the case is unallocated.
    public let worker: String
    /// The date the case was opened…
    public let opened: CalendarDate
    /// …and how the export writes it (`DD/MM/YYYY` or `YYYY-MM-DD`).
    public let openedAsWritten: String
    /// A Children in Need census code and name ("N1 Abuse or neglect"), or empty.
    public let primaryNeed: String
    /// For children in care only ("C2", "S20", …); empty otherwise.
    public let legalStatus: String

    /// The register's header line: Assay's fields under the names exports use, then two
    /// columns an import drops unless the lead keeps them.
    public static let header = [
        "Case ID", "Team", "Locality", "Service", "Worker", "Opened", "Primary Need", "Legal Status",
    ]

    /// The row's fields as the file holds them, in `header` order.
    public var fields: [String] {
        [caseID, team, locality, serviceAsWritten, worker, openedAsWritten, primaryNeed, legalStatus]
    }
}

import AssayCore

/// One drawn case as `assay sample MONTH --format csv` lists it: what the answers generator
/// needs to pick a template and to make the case's practice as good as its team's.
public struct SampledCase: Sendable, Equatable {
    public let caseID: String
    public let team: String
    public let locality: String
    /// Nil when the register left the service empty: no template applies, so no answers.
    public let service: Service?

    public init(caseID: String, team: String, locality: String, service: Service?) {
        self.caseID = caseID
        self.team = team
        self.locality = locality
        self.service = service
    }
}

extension SampledCase {
    /// A case of a generated register, as the month's sample would list it.
    public init(_ openCase: OpenCase) {
        self.init(caseID: openCase.caseID, team: openCase.team, locality: openCase.locality, service: openCase.service)
    }
}

import AssayCore
import AssayStore

/// A frame's cases with their strata, for one set of `--by` fields: what `draw verify`
/// checks a stored draw's cases against. (A draw itself keeps less: `DrawCandidates`.)
struct FrameCases {
    struct Case: Sendable {
        let caseID: String
        /// Index into `strata`.
        let stratum: Int
    }

    let frame: Frame
    /// The distinct stratum keys, in the order their first case appears.
    let strata: [StratumKey]
    let cases: [Case]

    /// Fields a register always has; anything else must be an attribute kept at import.
    static var registerFields: Set<String> { FrameScan.registerFields }

    /// The cases of one part of a scan, each with its part's stratum index.
    struct List: FrameCaseSink {
        var cases: [Case] = []
        mutating func take(rowID: Int64, caseID: String, stratum: Int) {
            cases.append(Case(caseID: caseID, stratum: stratum))
        }
    }

    /// Reads the frame's cases (`FrameScan`; `partSize` as there).
    static func load(_ store: Store, frame: Frame, byFields: [String], services: [Service]?,
                     partSize: Int64 = 100_000) throws -> FrameCases {
        let parts = try FrameScan(frame: frame, byFields: byFields, services: services)
            .run(store, partSize: partSize) { List() }
        let (strata, renumbered) = FrameScan.joinedStrata(parts)
        var cases: [Case] = []
        cases.reserveCapacity(parts.reduce(0) { $0 + $1.sink.cases.count })
        for (part, numbers) in zip(parts, renumbered) {
            for c in part.sink.cases { cases.append(Case(caseID: c.caseID, stratum: numbers[c.stratum])) }
        }
        return FrameCases(frame: frame, strata: strata, cases: cases)
    }
}

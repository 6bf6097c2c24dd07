import AssayCore
import AssayStore
import GRDB

/// Re-derives a stored draw from its stored inputs and compares, so a selection changed
/// behind Assay's back (or a frame altered since) is noticed.
public struct DrawVerifier {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Differences found; empty when the draw is identical.
    public func verify(_ stored: StoredDraw) throws -> [String] {
        let draw = stored.draw
        var problems: [String] = []
        let frame = try store.frame(id: draw.frameID)
        let rowsNow = try store.read { try Store.frameRowsSHA256(frameID: frame.id, db: $0) }
        if rowsNow != draw.frameRowsSHA256 || frame.sourceSHA256 != draw.frameSourceSHA256 {
            problems.append("frame \(frame.id) no longer matches the hashes recorded with the draw")
        }
        var request = DrawRequest(month: draw.month, size: draw.size)
        request.frameID = draw.frameID
        request.byFields = draw.byFields
        request.services = draw.services
        request.allocation = AllocationMethod(rawValue: draw.allocationUsed) ?? draw.allocationRequested
        request.minimumPerStratum = draw.minimumPerStratum
        request.excludeRecentMonths = draw.excludeRecentMonths
        request.seed = draw.seed
        request.storedExclusions = Dictionary(draw.exclusions.map { ($0.caseID, $0.month) }, uniquingKeysWith: { a, _ in a })
        if request.allocation == .neyman {
            request.storedNeymanP = Dictionary(draw.strata.compactMap { s in s.neymanP.map { (s.key, $0) } }, uniquingKeysWith: { a, _ in a })
        }
        let again = try DrawMaker(store: store).make(request)
        if again.strata != draw.strata {
            let stored = Dictionary(draw.strata.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            for s in again.strata where stored[s.key] != s {
                let old = stored[s.key]
                problems.append("stratum \(s.key.label): stored N=\(old?.population ?? 0) E=\(old?.eligible ?? 0) n=\(old?.sample ?? 0), re-derived N=\(s.population) E=\(s.eligible) n=\(s.sample)")
            }
            if draw.strata.count != again.strata.count {
                problems.append("\(draw.strata.count) strata stored, \(again.strata.count) re-derived")
            }
        }
        let storedCases = Set(draw.cases.map(\.caseID)), derived = Set(again.cases.map(\.caseID))
        for id in derived.subtracting(storedCases).sorted() { problems.append("case \(id) should have been selected but is not stored") }
        for id in storedCases.subtracting(derived).sorted() { problems.append("case \(id) is stored as selected but the draw does not select it") }
        let tickets = Dictionary(again.cases.map { ($0.caseID, $0.ticket) }, uniquingKeysWith: { a, _ in a })
        for c in draw.cases where tickets[c.caseID] != nil && tickets[c.caseID] != c.ticket {
            problems.append("case \(c.caseID): stored ticket differs from its recomputed ticket")
        }
        // The exclusions were inputs; check they are what the draw history says.
        if let recomputed = try? DrawMaker(store: store).recentlyDrawn(before: draw.month, months: draw.excludeRecentMonths) {
            let frameIDs = try Set(FrameCases.load(store, frame: frame, byFields: draw.byFields, services: draw.services).cases.map(\.caseID))
            let expected = Set(recomputed.keys.filter { frameIDs.contains($0) })
            let storedExcluded = Set(draw.exclusions.map(\.caseID))
            if expected != storedExcluded {
                problems.append("exclusions: \(storedExcluded.count) stored, \(expected.count) from the draws of the \(draw.excludeRecentMonths) months before (a draw in that window was replaced since?)")
            }
        }
        return problems
    }
}

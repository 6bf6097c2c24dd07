import AssayCore
import AssayRegister
@testable import AssaySampling
import AssayStore
import AssayTestSupport
import Foundation
import Testing

/// A draw keeps only tickets and rows while it reads the frame (`DrawCandidates`); its picks
/// must be exactly those of the specification's rule applied to the frame's case ids: in each
/// stratum the smallest tickets, ties by case id bytes (docs/sampling.md §6).
@Suite struct DrawCandidatesTests {
    let dir = TemporaryDirectory()
    let store: Store

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
    }

    func importFrame(_ prefix: String, count: Int) throws -> Frame {
        let rows = (0..<count).map { "\(prefix)\(1000 + $0),Team \($0 % 7),Area \($0 % 3),child-in-need" }
        let path = dir.write("\(prefix).csv", "case_id,team,locality,service\n" + rows.joined(separator: "\n") + "\n")
        let summary = try RegisterImporter(store: store).importFile(path, options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 10, day: 1)!))
        return try store.frame(id: summary.frameID)
    }

    @Test func picksAreTheSmallestTicketsOfEachStratumReadInPartsOrWhole() throws {
        _ = try importFrame("A", count: 300)
        let frame = try importFrame("B", count: 1_000)
        let excluded: [String: Month] = ["B1003": Month("2026-09")!, "B1500": Month("2026-08")!, "A1001": Month("2026-08")!]
        let whole = try DrawCandidates.load(store, frame: frame, byFields: ["team", "locality"], services: nil,
                                            excluded: excluded, seed: "s", partSize: 1_000_000)
        let parts = try DrawCandidates.load(store, frame: frame, byFields: ["team", "locality"], services: nil,
                                            excluded: excluded, seed: "s", partSize: 9)
        // The reference: every case id of the frame, its stratum, and the rule applied to ids.
        let cases = try FrameCases.load(store, frame: frame, byFields: ["team", "locality"], services: nil)
        #expect(whole.strata == cases.strata && parts.strata == cases.strata)
        #expect(whole.caseCount == 1_000 && parts.population == whole.population)
        #expect(Set(whole.exclusions.map(\.caseID)) == ["B1003", "B1500"], "only the frame's own cases are excluded")
        #expect(Set(parts.exclusions.map(\.caseID)) == ["B1003", "B1500"])
        let counts = cases.strata.indices.map { 1 + $0 % 5 }
        for candidates in [whole, parts] {
            let picks = try candidates.picks(counts: counts, store)
            for (i, _) in cases.strata.enumerated() {
                let ids = cases.cases.filter { $0.stratum == i && excluded[$0.caseID] == nil }.map(\.caseID)
                let expected = Ticket.select(ids, count: counts[i], seed: "s")
                #expect(picks[i].map(\.caseID) == expected.map(\.caseID), "stratum \(cases.strata[i].label)")
                #expect(picks[i].map(\.ticket.bytes) == expected.map(\.ticket), "stratum \(cases.strata[i].label)")
            }
        }
    }

    @Test func equalTicketsAreOrderedByCaseIDBytes() {
        var machine = Ticket.Machine(seed: "s")
        let same = machine.ticket(for: "X"), other = machine.ticket(for: "Y")
        var picked: [(caseID: String, ticket: Ticket.Value)] = [("b", same), ("a", same), ("é", same), ("Z", same)]
        picked.insert(("z", other), at: other < same ? 0 : 4)
        DrawCandidates.breakTies(&picked)
        let tied = picked.filter { $0.ticket == same }.map(\.caseID)
        #expect(tied == ["Z", "a", "b", "é"], "bytewise: uppercase before lowercase, é (0xC3) last")
        #expect(picked.map(\.ticket).isSorted(by: <=))
    }
}

extension Array where Element == Ticket.Value {
    func isSorted(by order: (Ticket.Value, Ticket.Value) -> Bool) -> Bool {
        zip(self, dropFirst()).allSatisfy { order($0, $1) }
    }
}

import AssayCore
import AssayRegister
@testable import AssaySampling
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// A draw reads a frame's cases by their run of row ids, in parts at once; whichever way it
/// reads them it must find exactly the frame's cases, in the same strata.
@Suite struct FrameCasesTests {
    let dir = TemporaryDirectory()
    let store: Store

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
    }

    /// Imports a register of `count` cases whose ids start with `prefix`; returns the frame.
    func importFrame(_ prefix: String, count: Int) throws -> Frame {
        let rows = (0..<count).map { "\(prefix)\(1000 + $0),Team \($0 % 7),Area \($0 % 3),child-in-need" }
        let path = dir.write("\(prefix).csv", "case_id,team,locality,service\n" + rows.joined(separator: "\n") + "\n")
        let summary = try RegisterImporter(store: store).importFile(path, options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 10, day: 1)!))
        return try store.frame(id: summary.frameID)
    }

    /// What each case's stratum is, as a comparable map.
    func strata(_ cases: FrameCases) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: cases.cases.map { ($0.caseID, cases.strata[$0.stratum].values) })
    }

    @Test func readingInPartsFindsWhatOneReadFinds() throws {
        _ = try importFrame("A", count: 500)
        let middle = try importFrame("B", count: 1_000)
        _ = try importFrame("C", count: 300)
        let whole = try FrameCases.load(store, frame: middle, byFields: ["team", "locality"], services: nil, partSize: 1_000_000)
        let parts = try FrameCases.load(store, frame: middle, byFields: ["team", "locality"], services: nil, partSize: 7)
        #expect(whole.cases.count == 1_000)
        #expect(whole.cases.allSatisfy { $0.caseID.hasPrefix("B") })
        #expect(parts.cases.map(\.caseID) == whole.cases.map(\.caseID))
        #expect(parts.strata == whole.strata)
        #expect(strata(parts) == strata(whole))
        #expect(whole.strata.count == 21)
    }

    @Test func aFrameWhoseRowsAreNotOneRunStillGivesAllItsCases() throws {
        let frames = try [("A", 200), ("B", 200), ("C", 150)].map { try importFrame($0.0, count: $0.1) }
        // Move the middle frame's last row below every other: its cases are then no longer
        // one run of ids between the frames before and after it, which the reading assumes.
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM frame_case WHERE frame_id = ?", arguments: [frames[1].id])!
            try db.execute(sql: "UPDATE frame_case SET id = 0 WHERE id = ?", arguments: [last])
        }
        for (frame, prefix) in zip(frames, ["A", "B", "C"]) {
            let cases = try FrameCases.load(store, frame: frame, byFields: ["team"], services: nil, partSize: 16)
            #expect(cases.cases.count == frame.rowCount, "frame \(prefix)")
            #expect(Set(cases.cases.map(\.caseID)).count == frame.rowCount, "frame \(prefix)")
            #expect(cases.cases.allSatisfy { $0.caseID.hasPrefix(prefix) }, "frame \(prefix)")
        }
    }

    @Test func partsCoverTheRunWithoutOverlap() {
        for (run, count, atLeast) in [(1...10, 2, 3), (5...5, 4, 1), (1...1_000_001, 2, 100_000), (1...9, 8, 1), (1...9, 2, 100)] as [(ClosedRange<Int64>, Int, Int64)] {
            let parts = FrameCases.parts(of: run, count: count, atLeast: atLeast)
            #expect(parts.first?.lowerBound == run.lowerBound)
            #expect(parts.last?.upperBound == run.upperBound)
            #expect(parts.count <= count)
            for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.upperBound + 1 == b.lowerBound) }
        }
        #expect(FrameCases.parts(of: 1...1_000_000, count: 2, atLeast: 100_000).count == 2)
        #expect(FrameCases.parts(of: 1...50_000, count: 2, atLeast: 100_000).count == 1)
    }
}

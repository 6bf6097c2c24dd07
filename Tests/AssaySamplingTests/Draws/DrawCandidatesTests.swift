import AssayCore
import AssayRegister
@testable import AssaySampling
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// `DrawCandidates` reads a frame's cases through SQLite's C API as bytes; it must find what
/// `FrameCases` (the GRDB reading) finds: the same cases in the same order, the same strata
/// numbered alike, whatever the ids hold and however the frame is read.
@Suite struct DrawCandidatesTests {
    let dir = TemporaryDirectory()
    let store: Store

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
    }

    /// Imports `rows` (without the header) as a register with a kept `band` column.
    func importFrame(_ name: String, _ rows: [String]) throws -> Frame {
        let path = dir.write("\(name).csv", "case_id,team,locality,service,band\n" + rows.joined(separator: "\n") + "\n")
        let options = RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 10, day: 1)!, keep: ["band"])
        return try store.frame(id: RegisterImporter(store: store).importFile(path, options: options).frameID)
    }

    func rows(_ prefix: String, count: Int) -> [String] {
        (0..<count).map { i in
            let service = ["child-in-need", "child-in-care", "care-leaver"][i % 3]
            return "\(prefix)\(1000 + i),Team \(i % 7),Área \(i % 3),\(service),band \(i % 4)"
        }
    }

    func expectSame(_ frame: Frame, byFields: [String], services: [Service]? = nil, partSize: Int64) throws {
        let old = try FrameCases.load(store, frame: frame, byFields: byFields, services: services, partSize: partSize)
        let new = try DrawCandidates.load(store, frame: frame, byFields: byFields, services: services, partSize: partSize)
        #expect(new.count == old.cases.count, "\(byFields) \(partSize)")
        #expect((0..<new.count).map { new.caseID($0) } == old.cases.map(\.caseID), "\(byFields) \(partSize)")
        #expect(new.strata == old.strata, "\(byFields) \(partSize)")
        #expect(new.stratumOf.map(Int.init) == old.cases.map(\.stratum), "\(byFields) \(partSize)")
        #expect(new.idStarts.count == new.count + 1)
    }

    @Test func findsWhatFrameCasesFinds() throws {
        _ = try importFrame("A", rows("A", count: 300))
        let middle = try importFrame("B", rows("B", count: 700))
        _ = try importFrame("C", rows("C", count: 200))
        for partSize: Int64 in [1_000_000, 50, 7] {
            for byFields in [["team"], ["team", "locality"], ["locality", "band"], ["band"], ["service", "team"]] {
                try expectSame(middle, byFields: byFields, partSize: partSize)
            }
            try expectSame(middle, byFields: ["team"], services: [.childInCare, .careLeaver], partSize: partSize)
        }
    }

    @Test func longAndNonASCIIIdsAreReadWhole() throws {
        let ids = (0..<120).map { i -> String in
            switch i % 4 {
            case 0: return "LONG-\(String(repeating: "x", count: 60 + i))-\(i)"
            case 1: return "Zoë-案例-\(i)"
            case 2: return "\(String(repeating: "Ω", count: 50))\(i)"
            default: return "P\(i)"
            }
        }
        let frame = try importFrame("L", ids.enumerated().map { "\($1),Team \($0 % 3),Lôcality \($0 % 2),child-in-need,b" })
        for partSize: Int64 in [1_000_000, 9] {
            try expectSame(frame, byFields: ["team", "locality"], partSize: partSize)
        }
        let read = try DrawCandidates.load(store, frame: frame, byFields: ["team"], services: nil)
        #expect(Set((0..<read.count).map { read.caseID($0) }) == Set(ids))
    }

    @Test func aFrameWhoseRowsAreNotOneRunStillGivesAllItsCases() throws {
        let frames = try [("A", 200), ("B", 200), ("C", 150)].map { try importFrame($0.0, rows($0.0, count: $0.1)) }
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM frame_case WHERE frame_id = ?", arguments: [frames[1].id])!
            try db.execute(sql: "UPDATE frame_case SET id = 0 WHERE id = ?", arguments: [last])
        }
        for frame in frames {
            try expectSame(frame, byFields: ["team", "locality"], partSize: 16)
        }
    }

    /// The selection in id order, from the id buffer, picks what `Ticket.select` picks from
    /// each stratum's eligible ids as Strings: few picks a stratum (kept as they come) and
    /// many (sorted at the end), with and without cases left out, long ids among them.
    @Test func selectingFromTheBufferPicksWhatTicketSelectPicks() throws {
        let frame = try importFrame("S", rows("S", count: 900) + (0..<60).map { "LONG-\(String(repeating: "y", count: 90))-\($0),Team 1,Área 1,child-in-need,b" })
        let read = try DrawCandidates.load(store, frame: frame, byFields: ["team"], services: nil)
        let leftOut = (0..<read.count).map { $0 % 5 == 3 }
        for eligible in [nil, leftOut.map { !$0 }] as [[Bool]?] {
            var strata = [[String]](repeating: [], count: read.strata.count)
            for (i, s) in read.stratumOf.enumerated() where eligible?[i] ?? true { strata[Int(s)].append(read.caseID(i)) }
            for counts in [strata.indices.map { $0 % 4 }, strata.indices.map { [1, 17, 40, 500][$0 % 4] }] {
                for seed in ["seed", String(repeating: "c3", count: 32)] {
                    let picked = read.select(counts: counts, eligible: eligible, seed: seed)
                    let expected = Ticket.select(inStrata: strata, counts: counts, seed: seed)
                    #expect(picked.map { $0.map(\.caseID) } == expected.map { $0.map(\.caseID) }, "\(counts.prefix(4)) \(eligible == nil)")
                    #expect(picked.map { $0.map(\.ticket) } == expected.map { $0.map(\.ticket) })
                }
            }
        }
    }
}

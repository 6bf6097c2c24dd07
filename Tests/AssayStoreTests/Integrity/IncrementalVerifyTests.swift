import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// `verify --since SEQ:HASH` (issue 22): checks the entries after a head a full verify found
/// intact, and the rows they changed, in time that grows with the changes since.
@Suite struct IncrementalVerifyTests {
    /// A store in `dir` with a frame of `cases` cases; returns the store, its path and the frame's id.
    private func store(cases: Int, in dir: TemporaryDirectory) throws -> (Store, String, Int64) {
        let path = dir.file("a.db")
        let store = try Store(path: path, identity: lead)
        let frame = try store.write { tx in
            let frame = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"),
                                                     ("rows_sha256", nil), ("row_count", cases), ("kept_attributes", "[]"),
                                                     ("imported_at", tx.timestamp), ("imported_by", tx.user.name)])
            try add(cases, from: 1, to: frame, tx)
            return frame
        }
        return (store, path, frame)
    }

    private func add(_ count: Int, from first: Int, to frame: Int64, _ tx: AuditedWriter) throws {
        for n in first..<(first + count) {
            try tx.insert(FrameCaseRecord(frameID: frame, caseID: "C\(n)", team: "North", locality: "Ashby", service: nil,
                                          worker: nil, opened: nil, attributes: nil, sourceLine: Int64(n + 1)))
        }
    }

    @Test func checksTheEntriesAndRowsAfterTheHead() throws {
        let dir = TemporaryDirectory()
        let (store, _, frame) = try store(cases: 50, in: dir)
        let full = try store.verify()
        #expect(full.isIntact)
        let head = try #require(full.head)
        try store.write { tx in
            try add(3, from: 100, to: frame, tx)
            try tx.update(.frameCase, id: 1, set: [("worker", "W. Smith")])
        }
        let report = try store.verify(since: head)
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.entries == 2, "the three new cases are one block, then the update")
        #expect(report.rowsChecked == 4)
        #expect(report.text.hasPrefix("Intact since \(head.seq):"))
        let now = try #require(try store.chainHead())
        #expect(try store.verify(since: now).entries == 0)
    }

    @Test func namesAnEditToARowChangedSinceAndARowAddedBehindAssaysBack() throws {
        let dir = TemporaryDirectory()
        let (store, path, frame) = try store(cases: 20, in: dir)
        let head = try #require(try store.verify().head)
        try store.write { tx in try add(2, from: 100, to: frame, tx) }
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE frame_case SET team = 'South' WHERE case_id = 'C100'")
            try db.execute(sql: "INSERT INTO frame_case (frame_id, case_id, team, locality, source_line) VALUES (?, 'FORGED', 't', 'l', 1)",
                           arguments: [frame])
        }
        let report = try store.verify(since: head)
        #expect(!report.isIntact)
        #expect(report.rowMismatches.map(\.kind) == [.changed, .notInLog])
        #expect(report.rowMismatches.allSatisfy { $0.table == "frame_case" })
    }

    @Test func aRowUnchangedSinceTheHeadIsLeftToTheFullVerify() throws {
        let dir = TemporaryDirectory()
        let (store, path, _) = try store(cases: 20, in: dir)
        let head = try #require(try store.verify().head)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE frame_case SET team = 'South' WHERE id = 3") }
        #expect(try store.verify(since: head).isIntact, "the incremental check reads only what changed after the head")
        #expect(try store.verify().rowMismatches.map(\.rowID) == [3])
    }

    @Test func aRebuiltChainOrAnAlteredEntryAfterTheHeadIsNamed() throws {
        let dir = TemporaryDirectory()
        let (store, path, frame) = try store(cases: 5, in: dir)
        let head = try #require(try store.verify().head)
        try store.write { tx in try add(2, from: 100, to: frame, tx) }
        let forged = ChainHead(seq: head.seq, hash: String(repeating: "0", count: 64))
        let rebuilt = try store.verify(since: forged)
        #expect(!rebuilt.isIntact)
        #expect(rebuilt.published?.check == .contradicts(found: head.hash))
        #expect(try !store.verify(since: ChainHead(seq: head.seq + 100, hash: head.hash)).isIntact)

        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update")
            try db.execute(sql: "UPDATE audit_log SET user_name = 'Someone Else' WHERE seq = ?", arguments: [head.seq + 1])
        }
        let altered = try store.verify(since: head)
        #expect(altered.chainBreaks.map(\.seq) == [head.seq + 1])
        #expect(altered.schemaProblems.count == 1, "the dropped trigger is named too")
    }
}

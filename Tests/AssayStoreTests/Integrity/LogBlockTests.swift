import AssayCore
@testable import AssayStore
import Crypto
import Foundation
import GRDB
import Testing

/// Log format 2 (docs/integrity.md, "Blocks"): a run of rows inserted into one table in one
/// transaction is one log entry carrying their digests and a hash-tree root; a row edited
/// inside a block is still named alone, by the full and the incremental verify.
@Suite struct LogBlockTests {
    /// RFC 6962 §2.1 written out from its definition, on arrays (the library works on ranges
    /// of one buffer): leaf 0x00 ‖ d, node 0x01 ‖ left ‖ right, split at the largest power
    /// of two below the count.
    private func referenceRoot(_ leaves: [[UInt8]]) -> [UInt8] {
        if leaves.count == 1 { return Array(SHA256.hash(data: [0x00] + leaves[0])) }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        return Array(SHA256.hash(data: [0x01] + referenceRoot(Array(leaves[..<k])) + referenceRoot(Array(leaves[k...]))))
    }

    private func leaves(_ count: Int) -> [[UInt8]] {
        (0..<count).map { Array(SHA256.hash(data: Array("row \($0)".utf8))) }
    }

    @Test func theRootIsRFC6962sMerkleTreeHash() {
        for count in 1...9 {
            let digests = leaves(count)
            #expect(LogBlock.root(of: digests.flatMap { $0 }) == referenceRoot(digests), "\(count) leaves")
        }
        // Two leaves by hand: SHA-256(0x01 ‖ SHA-256(0x00 ‖ d0) ‖ SHA-256(0x00 ‖ d1)).
        let two = leaves(2)
        let byHand = SHA256.hash(data: [0x01] + Array(SHA256.hash(data: [0x00] + two[0])) + Array(SHA256.hash(data: [0x00] + two[1])))
        #expect(LogBlock.root(of: two[0] + two[1]) == Array(byHand))
        #expect(LogBlock.root(of: leaves(256).flatMap { $0 }) == referenceRoot(leaves(256)))
    }

    /// A store with a frame; `cases` cases inserted in one transaction.
    private func store(cases: Int, in dir: TemporaryDirectory) throws -> (Store, String) {
        let path = dir.file("a.db")
        let store = try Store(path: path, identity: lead)
        try store.write { tx in
            let frame = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"),
                                                     ("rows_sha256", nil), ("row_count", cases), ("kept_attributes", "[]"),
                                                     ("imported_at", tx.timestamp), ("imported_by", tx.user.name)])
            for n in 1...cases {
                try tx.insert(FrameCaseRecord(frameID: frame, caseID: "C\(n)", team: "North", locality: "Ashby", service: nil,
                                              worker: nil, opened: nil, attributes: nil, sourceLine: Int64(n + 1)))
            }
        }
        return (store, path)
    }

    private func entries(_ path: String, table: String) throws -> [Row] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT row_id, row_count, length(row_digests) AS bytes FROM audit_log WHERE table_name = ? ORDER BY seq",
                             arguments: [table])
        }
    }

    @Test func aRunOfInsertsIsLoggedInBlocksOfAtMost256Rows() throws {
        let dir = TemporaryDirectory()
        let (store, path) = try store(cases: 600, in: dir)
        let blocks = try entries(path, table: "frame_case")
        #expect(blocks.map { $0["row_id"] as Int64 } == [1, 257, 513])
        #expect(blocks.map { $0["row_count"] as Int64 } == [256, 256, 88])
        let bytes: [Int64] = blocks.map { $0["bytes"] }
        #expect(bytes == [8192, 8192, 2816], "32 bytes a row")
        // The frame's one row is a plain entry, exactly as before blocks.
        let frame = try entries(path, table: "frame")
        #expect(frame.count == 1 && (frame[0]["row_count"] as Int64?) == nil)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.rowsChecked == 602, "the lead, the frame and its 600 cases")
        #expect(report.entries == 5, "the lead, the frame and three blocks")
    }

    @Test func anInsertThenAnUpdateInOneTransactionAreLoggedInThatOrder() throws {
        let dir = TemporaryDirectory()
        let (store, path) = try store(cases: 3, in: dir)
        let frame = try #require(try store.read { try Int64.fetchOne($0, sql: "SELECT id FROM frame") })
        try store.write { tx in
            for n in 10...12 {
                try tx.insert(FrameCaseRecord(frameID: frame, caseID: "C\(n)", team: "North", locality: "Ashby", service: nil,
                                              worker: nil, opened: nil, attributes: nil, sourceLine: Int64(n)))
            }
            try tx.update(.frameCase, id: 5, set: [("worker", "W. Smith")])
        }
        let log = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT operation, row_id, row_count FROM audit_log WHERE table_name = 'frame_case' ORDER BY seq")
        }
        #expect(log.map { "\($0["operation"] as String) \($0["row_id"] as Int64) \(($0["row_count"] as Int64?) ?? 1)" }
                == ["insert 1 3", "insert 4 3", "update 5 1"])
        #expect(try store.verify().isIntact)
    }

    @Test func anEditInsideABlockIsNamedAloneByBothVerifies() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.db")
        let store = try Store(path: path, identity: lead)
        try store.write { tx in
            _ = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"),
                                             ("rows_sha256", nil), ("row_count", 300), ("kept_attributes", "[]"),
                                             ("imported_at", tx.timestamp), ("imported_by", tx.user.name)])
        }
        let base = try #require(try store.verify().head, "the head the incremental verify starts from")
        try store.write { tx in
            for n in 1...300 {
                try tx.insert(FrameCaseRecord(frameID: 1, caseID: "C\(n)", team: "North", locality: "Ashby", service: nil,
                                              worker: nil, opened: nil, attributes: nil, sourceLine: Int64(n + 1)))
            }
        }
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE frame_case SET team = 'South' WHERE id = 100")
            try db.execute(sql: "DELETE FROM frame_case WHERE id = 280")
        }
        let full = try store.verify()
        #expect(full.chainBreaks.isEmpty)
        #expect(full.rowMismatches.map { "\($0.rowID) \($0.kind)" } == ["100 changed", "280 missing"])
        let since = try store.verify(since: base)
        #expect(since.rowMismatches.map { "\($0.rowID) \($0.kind)" } == ["100 changed", "280 missing"])
        #expect(since.rowsChecked == 300)
    }

    @Test func alteredDigestsInABlockBreakTheChainThere() throws {
        let dir = TemporaryDirectory()
        let (store, path) = try store(cases: 40, in: dir)
        let seq = try #require(try store.read { try Int64.fetchOne($0, sql: "SELECT seq FROM audit_log WHERE row_count IS NOT NULL") })
        // Someone edits a row and the block's digest for it to match, leaving the root.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update")
            try db.execute(sql: "UPDATE frame_case SET team = 'South' WHERE id = 7")
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM frame_case WHERE id = 7"))
            var digests = try #require(try Data.fetchOne(db, sql: "SELECT row_digests FROM audit_log WHERE seq = ?", arguments: [seq]))
            let forged = try #require(LogEntry.bytes(hex: RowDigest.sha256(of: row)))
            digests.replaceSubrange(6 * 32..<7 * 32, with: forged)
            try db.execute(sql: "UPDATE audit_log SET row_digests = ? WHERE seq = ?", arguments: [digests, seq])
        }
        let report = try store.verify()
        #expect(report.chainBreaks.map(\.seq) == [seq])
        #expect(report.chainBreaks.first?.explanation.contains("do not hash to the root") == true)
    }

    @Test func aDatabaseWithFormat1EntriesKeepsThemVerifiesAndGoesOnWithBlocks() throws {
        let dir = TemporaryDirectory()
        // Written before v19-log-blocks: the writer logs one entry a row (format 1).
        let raw = try olderDatabase(dir.file("a.db"), upTo: "v18-team-index") { tx, db in
            let frame = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"), ("rows_sha256", "y"),
                                                     ("row_count", 5), ("kept_attributes", "[]"), ("imported_at", "t"), ("imported_by", "Lena Lead")])
            for n in 1...5 {
                _ = try tx.insert(into: .frameCase, [("frame_id", frame), ("case_id", "C\(n)"), ("team", "North"), ("locality", "Ashby"),
                                                     ("source_line", n + 1)])
            }
        }
        let columns = LogEntry.format1Columns
        let before = try raw.read { try Row.fetchAll($0, sql: "SELECT \(columns) FROM audit_log ORDER BY seq") }
        #expect(before.count == 7)
        try raw.close()

        let store = try Store(path: dir.file("a.db"), identity: lead)   // upgrades to v19
        #expect(try store.read { try Row.fetchAll($0, sql: "SELECT \(columns) FROM audit_log ORDER BY seq") } == before,
                "the upgrade rewrites no entry")
        #expect(try store.verify().isIntact)
        try store.write { tx in
            for n in 6...9 {
                try tx.insert(FrameCaseRecord(frameID: 1, caseID: "C\(n)", team: "North", locality: "Ashby", service: nil,
                                              worker: nil, opened: nil, attributes: nil, sourceLine: Int64(n + 1)))
            }
        }
        #expect(try entries(dir.file("a.db"), table: "frame_case").map { ($0["row_count"] as Int64?) ?? 1 } == [1, 1, 1, 1, 1, 4])
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.rowsChecked == 11)
    }
}

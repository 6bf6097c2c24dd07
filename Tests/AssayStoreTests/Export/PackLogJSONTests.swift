import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// The pack's audit log segment is written by hand (`LogLineJSON`) and streamed to its file
/// (`PrivateFile.stream`); inspectors' copies must stay byte for byte what JSONSerialization
/// wrote into a file built in memory, and as private.
@Suite struct PackLogJSONTests {
    /// Characters a JSON writer escapes, or might: quotes, backslashes, slashes, every control
    /// character, DEL, and beyond ASCII (accents, combining marks, line and paragraph
    /// separators, a byte-order mark, the BMP's last, emoji and other characters outside it).
    static let awkward: [String] = ["\"", "\\", "/", "\\/", "\u{7F}", "a", "Z", " ", "'", "<", ">", "&", "é", "e\u{301}",
                                    "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFF}", "\u{80}", "中", "😀", "👩‍👩‍👧", "🇬🇧",
                                    "\u{10000}", "\u{10FFFF}", "\u{1D11E}"]
        + (0..<32).map { String(UnicodeScalar(UInt8($0))) }

    /// A table with audit_log's columns, without its types (so every storage a row may hold
    /// can be tried) and without its triggers.
    static func logTable() throws -> DatabaseQueue {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at, user_name, os_login, table_name, row_id, operation,
                                        changed_columns, before_sha256, after_sha256, chain_sha256)
                """)
        }
        return db
    }

    static func rows(_ db: DatabaseQueue) throws -> ([String], [Row]) {
        try db.read { db in
            let statement = try db.makeStatement(sql: "SELECT * FROM audit_log ORDER BY seq")
            return (statement.columnNames, try Row.fetchAll(statement))
        }
    }

    static func foundationLine(_ row: Row) throws -> [UInt8] {
        Array(try PackFiles.json(PackFiles.object(row)).utf8)
    }

    @Test func handWrittenLinesAreJSONSerializationsBytes() throws {
        let db = try Self.logTable()
        var random = SeededRandom(seed: 22)
        let numbers: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, 12345, Int64(Int32.max), Int64(Int32.min), 1 << 53, (1 << 53) + 1,
                                Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
        try db.write { db in
            var values: [[(any DatabaseValueConvertible)?]] = []
            // Each awkward character alone, doubled, and inside text.
            for text in Self.awkward {
                values.append([text, text + text, "x\(text)y", "", nil, text, "\(text)\(text)\(text)/", text, nil, text])
            }
            values.append(["", "", "", "", "", "", "", "", "", ""])
            values.append([nil, nil, nil, nil, nil, nil, nil, nil, nil, nil])
            values.append([String(repeating: "long \"text\" / \\ é 😀 \u{1}", count: 20_000), "a", "b", "c", 1, "d", "e", "f", "g", "h"])
            for number in numbers { values.append([number, "n", "n", "t", number, "insert", number, nil, "", number]) }
            // Texts mixed at random from them, and numbers anywhere.
            for _ in 0..<500 {
                values.append((0..<10).map { _ -> (any DatabaseValueConvertible)? in
                    switch random.below(8) {
                    case 0: return nil
                    case 1: return Int64(bitPattern: random.next()) >> random.below(64)
                    default: return (0..<random.below(40)).map { _ in Self.awkward[random.below(Self.awkward.count)] }.joined()
                    }
                })
            }
            for row in values {
                try db.execute(sql: "INSERT INTO audit_log VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: StatementArguments(row))
            }
        }
        let (columns, rows) = try Self.rows(db)
        let writer = LogLineJSON(columns: columns)
        #expect(!writer.usesFoundation, "the hand writer agreed with JSONSerialization on its sample entry")
        #expect(rows.count > 500)
        for row in rows {
            var line: [UInt8] = []
            writer.append(row, to: &line)
            let expected = try Self.foundationLine(row)
            #expect(line == expected, "\(String(decoding: line.prefix(300), as: UTF8.self))")
        }
    }

    /// Real numbers and blobs (no audit_log column holds them) are written as JSONSerialization writes them too.
    @Test func realsAndBlobsToo() throws {
        let db = try Self.logTable()
        try db.write { db in
            for value in [0.0, -0.0, 1.5, 0.1, 1e300, -2.5e-300, 1.0 / 3.0, 123456789.125] as [Double] {
                try db.execute(sql: "INSERT INTO audit_log VALUES (NULL, ?, ?, 'a', 'b', 1, 'insert', NULL, ?, ?, 'c')",
                               arguments: [value, Data([0xFB, 0xFF, 0x00, 0x3F]), Data(), Data("a/b+c".utf8)])
            }
        }
        let (columns, rows) = try Self.rows(db)
        let writer = LogLineJSON(columns: columns)
        for row in rows {
            var line: [UInt8] = []
            writer.append(row, to: &line)
            #expect(line == (try Self.foundationLine(row)))
        }
    }

    /// The key order is JSONSerialization's whatever order the columns come in.
    @Test func keysFollowJSONSerializationsOrder() throws {
        let columns = ["seq", "at", "user_name", "os_login", "table_name", "row_id", "operation", "changed_columns",
                       "before_sha256", "after_sha256", "chain_sha256", "Zeta", "alpha", "a_b", "a1", "a10", "a2", "é", "/"]
        var random = SeededRandom(seed: 7)
        for _ in 0..<5 {
            var shuffled = columns
            for i in shuffled.indices.reversed() { shuffled.swapAt(i, random.below(i + 1)) }
            let db = try DatabaseQueue()
            let names = shuffled.map { "\"\($0)\"" }.joined(separator: ", ")
            try db.write { db in
                try db.execute(sql: "CREATE TABLE t (\(names))")
                try db.execute(sql: "INSERT INTO t VALUES (\(shuffled.indices.map { _ in "?" }.joined(separator: ",")))",
                               arguments: StatementArguments(shuffled.indices.map { Int64($0) }))
            }
            let row = try db.read { try Row.fetchOne($0, sql: "SELECT * FROM t")! }
            let writer = LogLineJSON(columns: Array(row.columnNames))
            var line: [UInt8] = []
            writer.append(row, to: &line)
            #expect(line == (try Self.foundationLine(row)))
        }
    }

    /// A store's own log, through `writeLogSegment`, is the lines JSONSerialization makes of it.
    @Test func aSegmentFileIsJSONSerializationsLines() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        // Five entries of one row each, then a block of three (its digests in base64).
        for name in ["Ann \"A\" O'Neil", "Bo/Ba\\ck", "Zoë 😀", "Tab\there", "Line\nbreak"] {
            try store.write { tx in
                _ = try tx.insert(into: .people, [("name", name), ("role", "auditor"), ("team", nil),
                                                  ("added_at", "2026-01-01T00:00:00.000Z"), ("added_by", "Lena Lead")])
            }
        }
        try store.write { tx in
            for name in ["Cy", "Di", "Ed"] {
                _ = try tx.insert(into: .people, [("name", name), ("role", "auditor"), ("team", nil),
                                                  ("added_at", "2026-01-01T00:00:00.000Z"), ("added_by", "Lena Lead")])
            }
        }
        let path = dir.file("audit-log.jsonl")
        let (count, expected) = try store.read { db in
            (try PackFiles.writeLogSegment(db, from: 2, to: path),
             try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE seq >= 2 ORDER BY seq").map { try Self.foundationLine($0) + [0x0A] })
        }
        #expect(count == expected.count && count == 6)
        #expect(String(decoding: expected.last!, as: UTF8.self).contains("\"row_count\":3,\"row_digests\":\""))
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == Array(expected.joined()))
        #expect(try Self.mode(path) == 0o600)
    }

    /// Bytes handed over in pieces of every size, across many blocks, make the file that
    /// writing them at once makes; both 0600.
    @Test func streamingWritesWhatTheWholeWriteWrites() throws {
        let dir = TemporaryDirectory()
        var random = SeededRandom(seed: 3)
        let bytes = (0..<(PrivateFile.Output.blockSize * 3 + 12_345)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        try PrivateFile.write(bytes, to: dir.file("whole"))
        try PrivateFile.stream(to: dir.file("streamed")) { output in
            var at = 0
            while at < bytes.count {
                let piece = min(bytes.count - at, [1, 7, 100, 4096, 300_000, 1 << 20][random.below(6)])
                if random.below(2) == 0 {
                    try output.append(bytes[at..<at + piece])
                } else {
                    output.pending.append(contentsOf: bytes[at..<at + piece])
                    try output.written()
                }
                at += piece
            }
        }
        for name in ["whole", "streamed"] {
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: dir.file(name)))) == bytes, "\(name)")
            #expect(try Self.mode(dir.file(name)) == 0o600, "\(name)")
        }
        try PrivateFile.stream(to: dir.file("empty")) { _ in }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("empty"))).isEmpty)
        #expect(try Self.mode(dir.file("empty")) == 0o600)
    }

    /// A producer that fails leaves the target as it was and no staged file behind.
    @Test func aFailedStreamLeavesTheOldFile() throws {
        struct Failed: Error {}
        let dir = TemporaryDirectory()
        let path = dir.write("kept", "old contents")
        #expect(throws: Failed.self) {
            try PrivateFile.stream(to: path) { output in
                try output.append([UInt8](repeating: 0x41, count: PrivateFile.Output.blockSize * 2))
                throw Failed()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["kept"])
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }
}

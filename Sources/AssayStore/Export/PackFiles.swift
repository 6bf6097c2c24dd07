import AssayCore
import Foundation
import GRDB

/// The evidence pack's data files as bytes (docs/evidence-pack.md): CSV from SQL, the
/// frames with their kept attributes as columns, the log segment as JSON lines.
enum PackFiles {
    /// A frame as written: its file, how many cases, and the kept attributes that follow the
    /// fixed columns.
    struct FrameFile {
        let id: Int64
        let file: String
        let cases: Int
        let keptAttributes: [String]
    }

    static let frameColumns = ["case_id", "team", "locality", "service", "worker", "opened", "source_line"]

    static func frameFile(_ id: Int64) -> String { "frame-\(id).csv" }

    /// The frame's cases in import order: the fixed columns, then one column per attribute
    /// kept at import, headed by its name as stored (the name `--by` matches). A draw can
    /// stratify only on those and the register fields, so every draw made from this frame
    /// can be re-derived from this file alone. A case without an attribute has an empty field.
    static func writeFrame(_ db: Database, id: Int64, to path: String) throws -> FrameFile {
        let keptText = try String.fetchOne(db, sql: "SELECT kept_attributes FROM frame WHERE id = ?", arguments: [id]) ?? "[]"
        let kept = (try? JSONSerialization.jsonObject(with: Data(keptText.utf8)) as? [String]) ?? []
        var text = CSVText.line(frameColumns + kept)
        var count = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT case_id, team, locality, service, worker, opened, source_line, attributes FROM frame_case WHERE frame_id = ? ORDER BY id
            """, arguments: [id])
        while let row = try rows.next() {
            let attributesText: String? = row["attributes"]
            let attributes = attributesText.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } ?? [:]
            let fixed = Array(row.databaseValues.prefix(frameColumns.count)).map(field)
            text += CSVText.line(fixed + kept.map { name in (attributes[name] as? String).map(CSVText.Field.text) ?? .null })
            count += 1
        }
        try PrivateFile.write(text, to: path)
        return FrameFile(id: id, file: frameFile(id), cases: count, keptAttributes: kept)
    }

    static func writeCSV(_ db: Database, to path: String, sql: String, arguments: StatementArguments) throws -> Int {
        let statement = try db.makeStatement(sql: sql)
        var text = CSVText.line(statement.columnNames)
        var count = 0
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            text += CSVText.line(row.databaseValues.map(field))
            count += 1
        }
        try PrivateFile.write(text, to: path)
        return count
    }

    /// Text (SQLite TEXT storage, and BLOBs as base64) is neutralised against spreadsheet
    /// formulas; integers and reals are written as numbers; NULL as an empty field.
    static func field(_ value: DatabaseValue) -> CSVText.Field {
        switch value.storage {
        case .null: .null
        case .int64(let i): .number(String(i))
        case .double(let d): .number(String(d))
        case .string(let s): .text(s)
        case .blob(let data): .text(data.base64EncodedString())
        }
    }

    /// One JSON object per entry, NULL kept distinct from empty text (the chain hashes tell
    /// them apart). Written by `LogLineJSON` as the rows come and streamed to the file: the
    /// segment runs to gigabytes on a large database.
    static func writeLogSegment(_ db: Database, from start: Int64, to path: String) throws -> Int {
        var count = 0
        let statement = try db.makeStatement(sql: "SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq")
        let line = LogLineJSON(columns: statement.columnNames)
        try PrivateFile.stream(to: path) { output in
            let rows = try Row.fetchCursor(statement, arguments: [start])
            while let row = try rows.next() {
                line.append(row, to: &output.pending)
                output.pending.append(UInt8(ascii: "\n"))
                try output.written()
                count += 1
            }
        }
        return count
    }

    static func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func object(_ row: Row) -> [String: Any] {
        var object: [String: Any] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let i): object[column] = i
            case .double(let d): object[column] = d
            case .string(let s): object[column] = s
            case .blob(let data): object[column] = data.base64EncodedString()
            }
        }
        return object
    }
}

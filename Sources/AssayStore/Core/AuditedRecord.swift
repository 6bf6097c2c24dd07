import GRDB

/// A row of one audited table, as `AuditedWriter` writes it: the table, its columns (a
/// `Column` enum, the one place each column name is spelled for writes), and the value the
/// row stores in each.
///
/// Every audited table has one (`AuditedRecords+*.swift`, by area), and the writer's public
/// methods take only these: `tx.insert(ChallengeRecord(…))` inserts a row,
/// `tx.update(ChallengeRecord.self, id:, set: [(.status, …)])` changes named columns of one.
/// A record is its table's row column for column: `Column` lists every column but the `id`
/// SQLite assigns, in the table's declaration order, and `value(of:)` is an exhaustive
/// switch, so no column can be forgotten or given another's value. `AuditedRecordTests`
/// checks each record against the live schema and against the row the old untyped call
/// stored: the values bound are exactly the stored bytes the audit log hashes
/// (docs/integrity.md, "Row digests"), so a record must never change what a column holds.
///
/// To add a table: its migration, its `AuditedTable`, its record beside its area's others,
/// and one line in `AuditedRecordTests.records`.
public protocol AuditedRecord {
    associatedtype Column: AuditedColumn
    /// The table the record is a row of.
    static var table: AuditedTable { get }
    /// The value this row stores in `column`, as it is bound and stored.
    func value(of column: Column) -> DatabaseValue
}

/// The columns of one audited table: the raw value is the column's name in SQL.
public protocol AuditedColumn: RawRepresentable, CaseIterable, Sendable where RawValue == String, AllCases == [Self] {}

extension AuditedRecord {
    /// The columns the record sets, in order (not `id`: SQLite assigns it).
    public static var columns: [String] { Column.allCases.map(\.rawValue) }

    /// The values of `columns`, in the same order.
    public var databaseValues: [DatabaseValue] { Column.allCases.map(value(of:)) }
}

/// The declared columns of one audited table, read once per transaction from SQLite
/// (`PRAGMA table_xinfo`), so a row's digest can be computed from the values just bound
/// rather than by reading the row back (`AuditedWriter`).
struct TableShape {
    struct Column {
        let name: String
        /// The STRICT type: INTEGER, REAL, TEXT, BLOB or ANY.
        let type: String
        let hasDefault: Bool
        let isRowID: Bool
    }

    let columns: [Column]
    /// STRICT tables store exactly a value of the declared type as bound; for any other table
    /// the writer always reads the row back.
    let strict: Bool

    init(table: String, db: Database) throws {
        let info = try Row.fetchAll(db, sql: "SELECT name, type, dflt_value, pk, hidden FROM pragma_table_xinfo(?)", arguments: [table])
        let primaryKeys = info.filter { ($0["pk"] as Int64) > 0 }
        columns = info.map { row in
            let type = (row["type"] as String).uppercased()
            return Column(name: row["name"], type: type == "INT" ? "INTEGER" : type, hasDefault: !(row["dflt_value"] as DatabaseValue).isNull,
                          isRowID: primaryKeys.count == 1 && (row["pk"] as Int64) > 0 && type == "INTEGER")
        }
        // A generated column is in `SELECT *` but never bound: such a table is read back.
        let generated = info.contains { ($0["hidden"] as Int64) != 0 }
        let declaredStrict = try Bool.fetchOne(db, sql: "SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = ?", arguments: [table]) ?? false
        strict = declaredStrict && !generated
    }

    /// Whether SQLite stores `value`, bound to a column of this type in a STRICT table,
    /// as exactly that value. Values SQLite would convert (an integer into a REAL column, a
    /// text of digits into an INTEGER one) and the two doubles whose stored form differs
    /// (NaN is stored as NULL; −0.0 comes back as 0.0) answer false: the writer reads those back.
    static func storesExactly(_ value: DatabaseValue, as type: String) -> Bool {
        switch value.storage {
        case .null: true
        case .int64: type == "INTEGER" || type == "ANY"
        case .double(let d): (type == "REAL" || type == "ANY") && !d.isNaN && !(d == 0 && d.sign == .minus)
        case .string: type == "TEXT" || type == "ANY"
        case .blob: type == "BLOB" || type == "ANY"
        }
    }
}

/// One prepared INSERT of a fixed column list, with where each of the table's columns takes
/// its stored value from: a bound value, the new row id, or NULL (a nullable column without
/// a default that the insert leaves out). `exact` is false when some column would take a
/// default: such inserts read the row back.
struct PreparedInsert {
    enum Slot {
        case bound(Int, type: String)
        case rowID
        case null
    }

    let statement: Statement
    let names: [String]
    let slots: [Slot]
    let exact: Bool

    init(table: String, columns: [String], shape: TableShape, db: Database) throws {
        let list = columns.map(AuditedWriter.quoted).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        statement = try db.makeStatement(sql: "INSERT INTO \(AuditedWriter.quoted(table)) (\(list)) VALUES (\(marks))")
        var position: [String: Int] = [:]
        for (i, column) in columns.enumerated() { position[column] = i }
        var exact = shape.strict
        slots = shape.columns.map { column in
            if let i = position[column.name] { return .bound(i, type: column.type) }
            if column.isRowID { return .rowID }
            if column.hasDefault { exact = false }
            return .null
        }
        names = shape.columns.map(\.name)
        self.exact = exact
    }

    /// The digest of the row this insert stored with `values` and row id `id`, spelled as
    /// `RowDigest` spells a row read back; nil when some value is one SQLite would convert.
    func digest(of values: [DatabaseValue], rowID id: Int64) -> [UInt8]? {
        guard exact else { return nil }
        var bytes = CanonicalBytes()
        for (name, slot) in zip(names, slots) {
            switch slot {
            case .bound(let i, let type):
                guard TableShape.storesExactly(values[i], as: type) else { return nil }
                bytes.append(name, values[i])
            case .rowID:
                bytes.append(name, id)
            case .null:
                bytes.append(name, DatabaseValue.null)
            }
        }
        return RowDigest.raw(of: bytes)
    }
}

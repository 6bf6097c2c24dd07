import AssayCore
import CPostgreSQL
import Foundation

/// One connection to the hub's PostgreSQL server through libpq.
///
/// Every value goes to the server as a parameter of `PQexecParams` (text format), never
/// spliced into the SQL: a team or authority name with a quote in it is data, not SQL.
/// Synchronous, like the rest of Assay's command tree; one connection per command (and per
/// concurrent importer in the benchmark).
public final class PostgresConnection {
    private let connection: OpaquePointer

    /// The hub's URL: `--hub`, else `$ASSAY_HUB_URL`; refused when neither is given.
    public static func url(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let flag, !flag.isEmpty { return flag }
        if let url = environment["ASSAY_HUB_URL"], !url.isEmpty { return url }
        throw HubError.noHubNamed
    }

    public init(url: String) throws {
        guard let c = PQconnectdb(url) else { throw HubError.noMemoryToConnect }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(c))
            PQfinish(c)
            throw HubError.cannotConnect(url: Self.redacted(url), reason: message)
        }
        connection = c
        // Notices (e.g. "relation already exists, skipping") are not the user's business.
        PQsetNoticeProcessor(c, { _, _ in }, nil)
    }

    deinit { PQfinish(connection) }

    /// A hub URL with any password replaced, for messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown error"
    }

    /// A result's rows, each column as text (nil for NULL).
    public struct Rows: Sequence {
        public let columns: [String]
        public let values: [[String?]]
        public func makeIterator() -> IndexingIterator<[[String?]]> { values.makeIterator() }
        public var count: Int { values.count }

        /// Column `name` of row `i`.
        public func value(_ i: Int, _ name: String) -> String? {
            guard let c = columns.firstIndex(of: name) else { return nil }
            return values[i][c]
        }
    }

    /// Runs one statement with its parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws -> Rows {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let columnCount = Int(PQnfields(result)), rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let values = (0..<rowCount).map { r in
            (0..<columnCount).map { c -> String? in
                PQgetisnull(result, Int32(r), Int32(c)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(r), Int32(c)))
            }
        }
        return Rows(columns: columns, values: values)
    }

    /// One row of a result being read by `forEachRow`: its columns read in place, numbers
    /// without making a String of each.
    public struct Cursor {
        let result: OpaquePointer
        let row: Int32

        public func isNull(_ column: Int) -> Bool { PQgetisnull(result, row, Int32(column)) == 1 }
        /// A whole-number column (nil for NULL).
        public func int(_ column: Int) -> Int? {
            isNull(column) ? nil : strtol(PQgetvalue(result, row, Int32(column)), nil, 10)
        }
        public func text(_ column: Int) -> String? {
            isNull(column) ? nil : String(cString: PQgetvalue(result, row, Int32(column)))
        }
        /// A boolean column, as PostgreSQL writes it ("t" or "f").
        public func bool(_ column: Int) -> Bool { !isNull(column) && PQgetvalue(result, row, Int32(column)).pointee == CChar(UInt8(ascii: "t")) }
    }

    /// Runs one statement and hands `body` each row in turn: for results of hundreds of
    /// thousands of rows (a region's strata), where `query`'s String per value costs more
    /// than the server's work.
    public func forEachRow(_ sql: String, _ parameters: [String?] = [], _ body: (Cursor) throws -> Void) throws {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        for row in 0..<PQntuples(result) { try body(Cursor(result: result, row: row)) }
    }

    /// The result of one statement, checked: the caller clears it.
    private func run(_ sql: String, _ parameters: [String?]) throws -> OpaquePointer {
        let result: OpaquePointer? = withParameterPointers(parameters) { pointers in
            PQexecParams(connection, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        guard let result else { throw HubError.noAnswer(reason: Self.trimmed(PQerrorMessage(connection))) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let message = Self.trimmed(PQresultErrorMessage(result))
            PQclear(result)
            throw PostgresFailure(sqlState: state, message: message)
        }
        return result
    }

    /// Runs several statements with no parameters (a migration's SQL).
    public func execute(script sql: String) throws {
        guard let result = PQexec(connection, sql) else { throw HubError.noAnswer(reason: Self.trimmed(PQerrorMessage(connection))) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            throw PostgresFailure(sqlState: state, message: Self.trimmed(PQresultErrorMessage(result)))
        }
    }

    /// `body` in one transaction: committed when it returns, rolled back when it throws, so
    /// an import is whole or absent.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute(script: "BEGIN ISOLATION LEVEL SERIALIZABLE")
        do {
            let value = try body()
            try execute(script: "COMMIT")
            return value
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
    }

    /// `transaction`, retried while PostgreSQL reports a serialisation failure or deadlock
    /// (40001, 40P01): concurrent importers then each land once.
    public func retryingTransaction<T>(attempts: Int = 20, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try transaction(body)
            } catch let failure as PostgresFailure where failure.isRetryable && attempt < attempts {
                attempt += 1
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
            }
        }
    }

    private func withParameterPointers<R>(_ parameters: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

/// An error the server reported, with its SQLSTATE.
public struct PostgresFailure: UserFacingError, CustomStringConvertible {
    public let sqlState: String
    public let serverMessage: String
    public init(sqlState: String, message: String) {
        self.sqlState = sqlState
        serverMessage = message
    }
    public var message: String { "The hub refused: \(serverMessage)" }
    public var exitStatus: ExitStatus { isPermissionDenied ? .refused : .failure }
    public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
    public var isPermissionDenied: Bool { sqlState == "42501" }
    public var description: String { message }
}

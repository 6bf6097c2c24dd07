import AssayCore
import AssayStore
import Crypto
import Foundation
import GRDB

/// Imports a case-register export as a new frame, all or nothing.
///
/// The file is streamed: each row is validated and, while the file is still clean, inserted
/// through the audited writer inside one IMMEDIATE transaction. A bad row stops the inserts
/// but not the reading, so the lead gets every problem in one run; any problem rolls the
/// transaction back, leaving the database exactly as it was.
public struct RegisterImporter {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Imports `path`. `progress` is called with the number of rows read, every 1,000 rows.
    public func importFile(_ path: String, options: RegisterImportOptions,
                           progress: ((Int) -> Void)? = nil) throws -> RegisterImportSummary {
        try store.require([.lead], to: "import a case register")
        let file = (path as NSString).lastPathComponent
        let sourceName = options.sourceName ?? file
        if options.asOf > CalendarDate.today() {
            throw RegisterError.asOfInFuture(options.asOf)
        }
        let sourceHash = try Self.sha256(ofFileAt: path)
        if let earlier = try store.read({ db in
            try Row.fetchOne(db, sql: "SELECT id, as_of, imported_at, imported_by FROM frame WHERE source_sha256 = ? ORDER BY as_of = ? DESC, id DESC LIMIT 1",
                             arguments: [sourceHash, options.asOf.description])
        }) {
            let sameDate = (earlier["as_of"] as String) == options.asOf.description
            if sameDate || !options.allowSameContent {
                // Last month's file imported again under this month's date would make a frame
                // that looks new and describes cases as they were a month ago.
                throw RegisterError.alreadyImported(file: file, frame: earlier["id"], asOf: earlier["as_of"], importedAt: earlier["imported_at"],
                                                    importedBy: earlier["imported_by"], sameDate: sameDate, newAsOf: options.asOf)
            }
        }
        let services = try Self.serviceMap(options.serviceMap)

        return try store.write { tx in
            try tx.useBulkCache()
            let reader = try CSVReader(path: path)
            let header = try CSVRecord.header(try reader.next(), file: file, whenEmpty: "a register needs a header line")
            let layout = try RegisterLayout(header: header, options: options, file: file)
            let frameID = try tx.insert(FrameRecord(
                asOf: options.asOf, sourceName: sourceName, sourceSHA256: sourceHash, rowsSHA256: nil, rowCount: 0,
                keptAttributes: Self.json(layout.kept.map(\.name)), importedAt: tx.timestamp, importedBy: tx.user.name,
                personalDataKept: layout.personal.isEmpty ? nil : Self.json(layout.personal)))
            var validator = RegisterRowValidator(file: file, layout: layout, asOf: options.asOf, serviceMap: services)
            var problems: [InputProblem] = []
            var rows = 0
            while let record = try reader.next() {
                rows += 1
                if rows % 1000 == 0 { progress?(rows) }
                switch validator.validate(record) {
                case .failure(let found):
                    problems += found.problems
                case .success(let row) where problems.isEmpty:
                    try tx.insert(FrameCaseRecord(
                        frameID: frameID, caseID: row.caseID, team: row.team, locality: row.locality,
                        service: row.service, worker: row.worker, opened: row.opened,
                        attributes: row.attributes.isEmpty ? nil : Self.jsonObject(row.attributes),
                        sourceLine: Int64(record.line)))
                case .success:
                    break  // already rejected; keep reading to report every problem
                }
            }
            if !problems.isEmpty { throw InputRejected(file: file, problems: problems) }
            if rows == 0 {
                throw InputRejected(file: file, problems: [InputProblem(file: file, line: 2, field: nil, reason: "the register has a header but no cases")])
            }
            guard reader.sha256 == sourceHash else {
                throw RegisterError.fileChanged(file)
            }
            let rowsHash = try tx.query { try Store.frameRowsSHA256(frameID: frameID, db: $0) }
            try tx.update(FrameRecord.self, id: frameID, set: [(.rowCount, rows), (.rowsSHA256, rowsHash)])
            let counts = try tx.query { db in
                try Row.fetchOne(db, sql: "SELECT count(DISTINCT team) AS t, count(DISTINCT locality) AS l FROM frame_case WHERE frame_id = ?", arguments: [frameID])!
            }
            var summary = RegisterImportSummary(frameID: frameID, rows: rows, teams: counts["t"], localities: counts["l"],
                                                keptColumns: layout.kept.map(\.name), droppedColumns: layout.dropped)
            summary.personalDataKept = layout.personal
            return summary
        }
    }

    public static func sha256(ofFileAt path: String) throws -> String {
        let handle = try InputFile.open(at: path)
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        } catch {
            throw InputFile.readFailure(path, error)
        }
        return hasher.finalize().hexString
    }

    private static func serviceMap(_ pairs: [(text: String, code: String)]) throws -> [String: Service] {
        var map: [String: Service] = [:]
        for (text, code) in pairs {
            guard let service = Service(matching: code) else {
                throw RegisterError.unknownServiceCode(text: text, code: code)
            }
            map[Service.fold(text)] = service
        }
        return map
    }

    /// The canonical JSON of every JSON column (`JSONValue`, docs/integrity.md "JSON columns").
    static func json(_ strings: [String]) -> String {
        JSONValue.array(strings.map(JSONValue.string)).canonicalText
    }

    static func jsonObject(_ pairs: [(String, String)]) -> String {
        JSONValue.object(Dictionary(pairs.map { ($0.0, JSONValue.string($0.1)) }, uniquingKeysWith: { first, _ in first })).canonicalText
    }
}

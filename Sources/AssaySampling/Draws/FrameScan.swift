import AssayCore
import AssayStore
import Foundation
import GRDB

/// What a scan of a frame keeps of each case it reads: the case list of `FrameCases`, or a
/// draw's tickets (`DrawCandidates`). A scan runs in parts at once, one sink a part, and the
/// parts' sinks are then joined in id order.
protocol FrameCaseSink: Sendable {
    /// A case read from the frame: its row id, its id, and the index of its stratum among
    /// the strata this sink's part has met so far (numbered in the order first met).
    mutating func take(rowID: Int64, caseID: String, stratum: Int)
}

/// Reads a frame's cases with their strata for one set of `--by` fields, handing each to a
/// sink. A frame may hold a million cases, so it reads by the frame's run of row ids, in
/// parts at once (one a core), by position, with one index per stratum: GRDB `Row`s or a
/// key array per case would cost hundreds of megabytes.
struct FrameScan: Sendable {
    /// One part's reading: the strata it met, in the order it met them, and its sink.
    struct Part<Sink: FrameCaseSink>: Sendable {
        var strata: [StratumKey]
        var sink: Sink
        var rowsRead: Int
    }

    /// Fields a register always has; anything else must be an attribute kept at import.
    static let registerFields: Set<String> = ["team", "locality", "service", "worker"]

    let frame: Frame
    let byFields: [String]
    let wanted: Set<String>?

    /// Checks the `--by` fields against the frame's fields and kept attributes.
    init(frame: Frame, byFields: [String], services: [Service]?) throws {
        let kept = (try? JSONSerialization.jsonObject(with: Data(frame.keptAttributes.utf8)) as? [String]) ?? []
        for field in byFields where !Self.registerFields.contains(field) && !kept.contains(field) {
            let choices = Self.registerFields.sorted() + kept
            throw SamplingError.unknownStratumField(field, frame: frame.id, choices: choices)
        }
        guard !byFields.isEmpty else { throw SamplingError.noStratumFields }
        self.frame = frame
        self.byFields = byFields
        self.wanted = services.map { Set($0.map(\.code)) }
    }

    /// Reads the frame into sinks made by `makeSink`, one a part, returned in id order.
    /// `partSize`: ids per part when the frame's run of ids is read in parts at once; the
    /// tests lower it to read a small frame in parts. The count of rows read checks the
    /// parts found the whole frame; otherwise the frame is read again through its index.
    func run<Sink: FrameCaseSink>(_ store: Store, partSize: Int64 = 100_000,
                                  makeSink: @escaping @Sendable () -> Sink) throws -> [Part<Sink>] {
        let scan = self
        if let run = try store.read({ try Self.idRun(of: frame.id, $0) }) {
            let parts = Self.parts(of: run, count: ProcessInfo.processInfo.activeProcessorCount, atLeast: partSize)
            let found = try store.readInParts(parts.count) { part, db in
                try scan.read(ids: parts[part], into: makeSink(), db)
            }
            if found.reduce(0, { $0 + $1.rowsRead }) == frame.rowCount { return found }
        }
        return try store.read { db -> [Part<Sink>] in
            guard let bounds = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM frame_case WHERE frame_id = ?", arguments: [frame.id]),
                  let first = bounds[0] as Int64?, let last = bounds[1] as Int64?
            else { return [Part(strata: [], sink: makeSink(), rowsRead: 0)] }
            return [try read(ids: first...last, into: makeSink(), db)]
        }
    }

    /// The strata of parts read in id order, numbered in the order their first case appears
    /// (as one read would number them), and for each part the new number of each of its own.
    static func joinedStrata<Sink>(_ parts: [Part<Sink>]) -> (strata: [StratumKey], renumbered: [[Int]]) {
        var strata: [StratumKey] = []
        var index: [StratumKey: Int] = [:]
        let renumbered = parts.map { part in
            part.strata.map { key -> Int in
                if let known = index[key] { return known }
                strata.append(key)
                index[key] = strata.count - 1
                return strata.count - 1
            }
        }
        return (strata, renumbered)
    }

    /// `run` cut into at most `count` consecutive ranges of at least `atLeast` ids each.
    static func parts(of run: ClosedRange<Int64>, count: Int, atLeast: Int64) -> [ClosedRange<Int64>] {
        let span = run.upperBound - run.lowerBound + 1
        let n = max(1, min(Int64(count), span / max(atLeast, 1)))
        let step = (span + n - 1) / n
        return stride(from: run.lowerBound, through: run.upperBound, by: Int(step)).map { start in
            start...min(start + step - 1, run.upperBound)
        }
    }

    /// The run of row ids a frame's cases occupy, found in a few dozen lookups by id.
    ///
    /// One frame's cases are inserted in one transaction, after every earlier frame's, so
    /// they are one run of ids and the frames follow one another in id order: a binary
    /// search over ids finds the run's ends, where `min(id)` over the frame's index entries
    /// reads all of them (0.18 s for a million). `run` checks it read the frame's
    /// `row_count` cases, and otherwise asks the index, so a table laid out otherwise
    /// gives the same cases, only slower.
    static func idRun(of frameID: Int64, _ db: Database) throws -> ClosedRange<Int64>? {
        guard let ends = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM frame_case"),
              let low = ends[0] as Int64?, let high = ends[1] as Int64?
        else { return nil }
        let atOrAfter = try db.cachedStatement(sql: "SELECT frame_id FROM frame_case WHERE id >= ? ORDER BY id LIMIT 1")
        let atOrBefore = try db.cachedStatement(sql: "SELECT frame_id FROM frame_case WHERE id <= ? ORDER BY id DESC LIMIT 1")
        // The first id from which the rows belong to this frame or a later one.
        var (lo, hi) = (low, high + 1)
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if let f = try Int64.fetchOne(atOrAfter, arguments: [mid]), f < frameID { lo = mid + 1 } else { hi = mid }
        }
        guard let start = try Row.fetchOne(db, sql: "SELECT id, frame_id FROM frame_case WHERE id >= ? ORDER BY id LIMIT 1", arguments: [lo]),
              start[1] as Int64 == frameID
        else { return nil }
        let first: Int64 = start[0]
        // The last id up to which the rows belong to this frame or an earlier one.
        (lo, hi) = (first, high)
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            if let f = try Int64.fetchOne(atOrBefore, arguments: [mid]), f <= frameID { lo = mid } else { hi = mid - 1 }
        }
        return first...lo
    }

    /// Reads the frame's cases among the rows with ids in `ids` into `sink`.
    private func read<Sink: FrameCaseSink>(ids: ClosedRange<Int64>, into sink: Sink, _ db: Database) throws -> Part<Sink> {
        var part = Part(strata: [], sink: sink, rowsRead: 0)
        var index: [[String]: Int] = [:]
        var values = [String](repeating: "", count: byFields.count)
        // Walks the table by id, not through `frame_case_by_stratum`: one frame's cases
        // are one run of ids, so this reads each page once, where the index visits the rows
        // in stratum order, a page lookup each (0.2 s against 1.4 s for a million cases).
        // `+frame_id` keeps SQLite from choosing the index, and keeps the answer right
        // whatever the range holds. Only the columns the strata and the service filter
        // need: no text decoded for nothing, a million times over.
        var selected = ["id", "case_id", "service"]
        let columns = byFields.map { field -> Int? in
            guard Self.registerFields.contains(field) else { return nil }
            if let known = selected.firstIndex(of: field) { return known }
            selected.append(field)
            return selected.count - 1
        }
        let attributesColumn = selected.count
        if columns.contains(nil) { selected.append("attributes") }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(selected.joined(separator: ", ")) FROM frame_case
            WHERE id BETWEEN ? AND ? AND +frame_id = ?
            """, arguments: [ids.lowerBound, ids.upperBound, frame.id])
        while let row = try rows.next() {
            part.rowsRead += 1
            if let wanted, !wanted.contains(row[2] as String? ?? "") { continue }
            var attributes: [String: String]?
            for (i, field) in byFields.enumerated() {
                if let column = columns[i] {
                    values[i] = row[column] ?? ""
                    continue
                }
                if attributes == nil {
                    let text: String? = row[attributesColumn]
                    attributes = text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } ?? [:]
                }
                values[i] = attributes?[field] ?? ""
            }
            let stratum: Int
            if let known = index[values] {
                stratum = known
            } else {
                stratum = part.strata.count
                part.strata.append(StratumKey(values))
                index[values] = stratum
            }
            part.sink.take(rowID: row[0], caseID: row[1], stratum: stratum)
        }
        return part
    }
}

import AssayCore
import AssayStore
import Foundation
import GRDB

/// A frame's cases with their strata, for one set of `--by` fields.
struct FrameCases {
    struct Case {
        let caseID: String
        /// Index into `strata`.
        let stratum: Int
    }

    let frame: Frame
    /// The distinct stratum keys, in the order their first case appears.
    let strata: [StratumKey]
    let cases: [Case]

    /// Fields a register always has; anything else must be an attribute kept at import.
    static let registerFields: Set<String> = ["team", "locality", "service", "worker"]

    /// Reads the frame's cases. `partSize`: ids per part when the frame's run of ids is read
    /// in parts at once (below); the tests lower it to read a small frame in parts.
    static func load(_ store: Store, frame: Frame, byFields: [String], services: [Service]?,
                     partSize: Int64 = 100_000) throws -> FrameCases {
        let wanted = try checkFields(byFields, services: services, frame: frame)
        // A cursor, columns by position, and one index per stratum: a frame may hold a
        // million cases, and GRDB `Row`s or a key array for each of them cost hundreds of
        // megabytes.
        return try readRun(store, frame: frame, partSize: partSize, empty: FrameCases(frame: frame, strata: [], cases: []),
                           read: { ids, db in try read(frame, ids: ids, byFields: byFields, wanted: wanted, db) },
                           join: { merging($0, frame: frame) })
    }

    /// Refuses `--by` fields the frame does not have; the service codes asked for.
    static func checkFields(_ byFields: [String], services: [Service]?, frame: Frame) throws -> Set<String>? {
        let kept = (try? JSONSerialization.jsonObject(with: Data(frame.keptAttributes.utf8)) as? [String]) ?? []
        for field in byFields where !registerFields.contains(field) && !kept.contains(field) {
            let choices = registerFields.sorted() + kept
            throw SamplingError.unknownStratumField(field, frame: frame.id, choices: choices)
        }
        guard !byFields.isEmpty else { throw SamplingError.noStratumFields }
        return services.map { Set($0.map(\.code)) }
    }

    /// Reads a frame with `read` (its rows with ids in a range, and how many rows it read):
    /// the run of ids in parts at once, one a core (decoding a million rows is half a
    /// draw's time), `join`ed in id order. The count of rows read checks the parts found
    /// the whole frame; otherwise (rows not one run) the whole span of the frame's ids is
    /// read at once. Both readers, `FrameCases` and `DrawCandidates`, read so.
    static func readRun<Part: Sendable>(_ store: Store, frame: Frame, partSize: Int64, empty: Part,
                                        read: @escaping @Sendable (ClosedRange<Int64>, Database) throws -> (cases: Part, rowsRead: Int),
                                        join: ([Part]) -> Part) throws -> Part {
        if let run = try store.read({ try idRun(of: frame.id, $0) }) {
            let parts = Self.parts(of: run, count: ProcessInfo.processInfo.activeProcessorCount, atLeast: partSize)
            let found = try store.readInParts(parts.count) { part, db in try read(parts[part], db) }
            if found.reduce(0, { $0 + $1.rowsRead }) == frame.rowCount { return join(found.map(\.cases)) }
        }
        return try store.read { db -> Part in
            guard let bounds = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM frame_case WHERE frame_id = ?", arguments: [frame.id]),
                  let first = bounds[0] as Int64?, let last = bounds[1] as Int64?
            else { return empty }
            return try read(first...last, db).cases
        }
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

    /// Parts read in id order as one: their strata numbered in the order their first case
    /// appears, as one read would number them.
    static func merging(_ parts: [FrameCases], frame: Frame) -> FrameCases {
        if parts.count == 1 { return parts[0] }
        var strata: [StratumKey] = []
        var index: [StratumKey: Int] = [:]
        var cases: [Case] = []
        cases.reserveCapacity(parts.reduce(0) { $0 + $1.cases.count })
        for part in parts {
            let renumbered = part.strata.map { key -> Int in
                if let known = index[key] { return known }
                strata.append(key)
                index[key] = strata.count - 1
                return strata.count - 1
            }
            for c in part.cases { cases.append(Case(caseID: c.caseID, stratum: renumbered[c.stratum])) }
        }
        return FrameCases(frame: frame, strata: strata, cases: cases)
    }

    /// The run of row ids a frame's cases occupy, found in a few dozen lookups by id.
    ///
    /// One frame's cases are inserted in one transaction, after every earlier frame's, so
    /// they are one run of ids and the frames follow one another in id order: a binary
    /// search over ids finds the run's ends, where `min(id)` over the frame's index entries
    /// reads all of them (0.18 s for a million). `load` checks it read the frame's
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

    /// Reads the cases of `frame` among the rows with ids in `ids`.
    private static func read(_ frame: Frame, ids: ClosedRange<Int64>, byFields: [String], wanted: Set<String>?,
                             _ db: Database) throws -> (cases: FrameCases, rowsRead: Int) {
        var cases: [Case] = []
        cases.reserveCapacity(min(frame.rowCount, Int(ids.upperBound - ids.lowerBound + 1)))
        var strata: [StratumKey] = []
        var index: [[String]: Int] = [:]
        var values = [String](repeating: "", count: byFields.count)
        var rowsRead = 0
        // Walks the table by id, not through `frame_case_by_stratum`: one frame's cases
        // are one run of ids, so this reads each page once, where the index visits the rows
        // in stratum order, a page lookup each (0.2 s against 1.4 s for a million cases).
        // `+frame_id` keeps SQLite from choosing the index, and keeps the answer right
        // whatever the range holds. Only the columns the strata and the service filter
        // need: no text decoded for nothing, a million times over.
        var selected = ["case_id", "service"]
        let columns = byFields.map { field -> Int? in
            guard registerFields.contains(field) else { return nil }
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
            rowsRead += 1
            if let wanted, !wanted.contains(row[1] as String? ?? "") { continue }
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
                stratum = strata.count
                strata.append(StratumKey(values))
                index[values] = stratum
            }
            cases.append(Case(caseID: row[0], stratum: stratum))
        }
        return (FrameCases(frame: frame, strata: strata, cases: cases), rowsRead)
    }
}

import AssayCore
import AssayStore
import CTicketHash
import Foundation
import GRDB
import GRDBSQLite

/// A frame's cases as a draw needs them: every case id's UTF-8 bytes one after another in
/// one buffer, and each case's stratum. The same cases, strata and order as `FrameCases`
/// (tested), read for speed.
///
/// A draw reads every case of a frame, a million at a region's scale, and decoding them
/// through GRDB (a `String` per id, a `Row` per case) was half its time. This reads through
/// SQLite's C API instead: the columns' bytes are looked at where SQLite holds them, a
/// stratum is found by its fields' bytes, and only the ids are copied, into one buffer.
/// Strings are made only for the cases drawn (and excluded). `FrameCases`, the GRDB reading,
/// remains for `draw verify` and as the tests' reference.
struct DrawCandidates: Sendable {
    let frame: Frame
    /// The distinct stratum keys, in the order their first case appears.
    let strata: [StratumKey]
    /// Every case's id, as UTF-8, one after another.
    let idBytes: [UInt8]
    /// Case `i`'s id is `idBytes[idStarts[i] ..< idStarts[i + 1]]`: one entry more than cases.
    let idStarts: [Int]
    /// Case `i`'s stratum: an index into `strata`.
    let stratumOf: [Int32]

    var count: Int { stratumOf.count }

    func caseID(_ i: Int) -> String {
        idBytes.withUnsafeBufferPointer { String(decoding: $0[idStarts[i] ..< idStarts[i + 1]], as: UTF8.self) }
    }

    /// Reads the frame's cases as `FrameCases.load` does (`FrameCases.readRun`). `partSize`
    /// as for `FrameCases.load`.
    static func load(_ store: Store, frame: Frame, byFields: [String], services: [Service]?,
                     partSize: Int64 = 100_000) throws -> DrawCandidates {
        let wanted = try FrameCases.checkFields(byFields, services: services, frame: frame)
        let empty = DrawCandidates(frame: frame, strata: [], idBytes: [], idStarts: [0], stratumOf: [])
        return try FrameCases.readRun(store, frame: frame, partSize: partSize, empty: empty,
                                      read: { ids, db in try read(frame, ids: ids, byFields: byFields, wanted: wanted, db) },
                                      join: { joining($0, frame: frame) })
    }

    /// Parts read in id order joined as one read: strata renumbered in the order their first
    /// case appears, as one read would number them.
    static func joining(_ parts: [DrawCandidates], frame: Frame) -> DrawCandidates {
        if parts.count == 1 { return parts[0] }
        var strata: [StratumKey] = []
        var index: [StratumKey: Int32] = [:]
        var idBytes: [UInt8] = [], idStarts: [Int] = [0], stratumOf: [Int32] = []
        idBytes.reserveCapacity(parts.reduce(0) { $0 + $1.idBytes.count })
        idStarts.reserveCapacity(parts.reduce(1) { $0 + $1.count })
        stratumOf.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            let renumbered = part.strata.map { key -> Int32 in
                if let known = index[key] { return known }
                strata.append(key)
                index[key] = Int32(strata.count - 1)
                return Int32(strata.count - 1)
            }
            let offset = idBytes.count
            idBytes.append(contentsOf: part.idBytes)
            for start in part.idStarts.dropFirst() { idStarts.append(offset + start) }
            for s in part.stratumOf { stratumOf.append(renumbered[Int(s)]) }
        }
        return DrawCandidates(frame: frame, strata: strata, idBytes: idBytes, idStarts: idStarts, stratumOf: stratumOf)
    }

    /// Bytes as a dictionary key, hashed in one call rather than byte by byte as `[UInt8]`'s
    /// own hashing does.
    struct ByteKey: Hashable, Sendable {
        var bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
        static func == (a: ByteKey, b: ByteKey) -> Bool { a.bytes == b.bytes }
    }

    /// Reads the cases of `frame` among the rows with ids in `ids`, as `FrameCases` does (the
    /// table walked by id; `+frame_id` keeps SQLite off the index), with only the columns
    /// asked for: the service only to filter by it.
    private static func read(_ frame: Frame, ids: ClosedRange<Int64>, byFields: [String], wanted: Set<String>?,
                             _ db: Database) throws -> (cases: DrawCandidates, rowsRead: Int) {
        var selected = wanted == nil ? ["case_id"] : ["case_id", "service"]
        let columns = byFields.map { field -> Int32? in
            guard FrameCases.registerFields.contains(field) else { return nil }
            if let known = selected.firstIndex(of: field) { return Int32(known) }
            selected.append(field)
            return Int32(selected.count - 1)
        }
        let attributesColumn = Int32(selected.count)
        if columns.contains(nil) { selected.append("attributes") }
        let sql = "SELECT \(selected.joined(separator: ", ")) FROM frame_case WHERE id BETWEEN ? AND ? AND +frame_id = ?"

        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed database", sql: sql) }
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        func failure(_ code: Int32) -> DatabaseError {
            DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        guard prepared == SQLITE_OK, let statement else { throw failure(prepared) }
        for (position, value) in [ids.lowerBound, ids.upperBound, frame.id].enumerated() {
            let bound = sqlite3_bind_int64(statement, Int32(position + 1), value)
            guard bound == SQLITE_OK else { throw failure(bound) }
        }

        let expected = min(frame.rowCount, Int(ids.upperBound - ids.lowerBound + 1))
        var idBytes: [UInt8] = [], idStarts: [Int] = [0], stratumOf: [Int32] = []
        idBytes.reserveCapacity(expected * 12)
        idStarts.reserveCapacity(expected + 1)
        stratumOf.reserveCapacity(expected)
        var strata: [StratumKey] = []
        // Strata by their fields' bytes, and by their fields as Strings: Strings that differ
        // in bytes may still be equal (canonically equivalent Unicode), as they were when
        // strata were found by Strings alone, so bytes not seen before are looked up as
        // Strings before they make a new stratum.
        var index = ByteKeyTable()
        var indexByValues: [[String]: Int32] = [:]
        // Service codes compared as bytes when they and the codes asked for are plain ASCII,
        // otherwise as Strings, as before.
        let wantedBytes = wanted.map { Set($0.map { ByteKey(Array($0.utf8)) }) }
        let wantedASCII = wanted?.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ?? true
        // The stratum's fields, each as 4 length bytes and its text, reused row after row: no
        // allocation per case but when a stratum is first seen.
        var probe = ByteKey([])
        var service = ByteKey([])
        var fieldRanges = [Range<Int>](repeating: 0..<0, count: byFields.count)
        var rowsRead = 0
        while true {
            let stepped = sqlite3_step(statement)
            if stepped == SQLITE_DONE { break }
            guard stepped == SQLITE_ROW else { throw failure(stepped) }
            rowsRead += 1
            if let wanted, let wantedBytes {
                service.bytes.removeAll(keepingCapacity: true)
                appendText(statement, 1, to: &service.bytes)
                if wantedASCII, service.bytes.allSatisfy({ $0 < 0x80 }) {
                    if !wantedBytes.contains(service) { continue }
                } else if !wanted.contains(String(decoding: service.bytes, as: UTF8.self)) {
                    continue
                }
            }
            probe.bytes.removeAll(keepingCapacity: true)
            var attributes: [String: String]?
            for (i, column) in columns.enumerated() {
                let start = probe.bytes.count
                for _ in 0..<4 { probe.bytes.append(0) }
                if let column {
                    appendText(statement, column, to: &probe.bytes)
                } else {
                    if attributes == nil {
                        var text: [UInt8] = []
                        let isNull = sqlite3_column_type(statement, attributesColumn) == SQLITE_NULL
                        appendText(statement, attributesColumn, to: &text)
                        attributes = isNull ? [:] : (try? JSONSerialization.jsonObject(with: Data(text)) as? [String: String]) ?? [:]
                    }
                    probe.bytes.append(contentsOf: (attributes?[byFields[i]] ?? "").utf8)
                }
                let length = UInt32(probe.bytes.count - start - 4)
                for k in 0..<4 { probe.bytes[start + k] = UInt8(truncatingIfNeeded: length >> (24 - 8 * UInt32(k))) }
                fieldRanges[i] = (start + 4)..<probe.bytes.count
            }
            let stratum: Int32
            if let known = probe.bytes.withUnsafeBufferPointer({ index.value(for: $0) }) {
                stratum = known
            } else {
                let values = fieldRanges.map { String(decoding: probe.bytes[$0], as: UTF8.self) }
                if let known = indexByValues[values] {
                    stratum = known
                } else {
                    stratum = Int32(strata.count)
                    strata.append(StratumKey(values))
                    indexByValues[values] = stratum
                }
                probe.bytes.withUnsafeBufferPointer { index.insert($0, stratum) }
            }
            appendText(statement, 0, to: &idBytes)
            idStarts.append(idBytes.count)
            stratumOf.append(stratum)
        }
        let cases = DrawCandidates(frame: frame, strata: strata, idBytes: idBytes, idStarts: idStarts, stratumOf: stratumOf)
        return (cases, rowsRead)
    }

    /// Appends a column's text as GRDB would decode it into a `String`: NULL as nothing,
    /// the text up to its first NUL byte, invalid UTF-8 repaired. Plain ASCII, every byte
    /// between 1 and 127 (the usual case), is copied as it stands.
    static func appendText(_ statement: OpaquePointer, _ column: Int32, to bytes: inout [UInt8]) {
        guard let text = sqlite3_column_text(statement, column) else { return }
        let count = Int(sqlite3_column_bytes(statement, column))
        let buffer = UnsafeBufferPointer(start: text, count: count)
        let plain = isPlainASCII(buffer)
        if plain {
            bytes.append(contentsOf: buffer)
        } else {
            bytes.append(contentsOf: String(cString: text).utf8)
        }
    }
}

extension DrawCandidates {
    /// A case's ticket and its index among the candidates.
    struct Ticketed {
        let ticket: Ticket.Value
        let index: Int32
    }

    /// In each stratum `s` (numbered as `strata`), the `counts[s]` eligible cases with the
    /// smallest tickets, ties by case id bytes, in that order: what
    /// `Ticket.select(inStrata:counts:seed:)` picks from each stratum's eligible ids
    /// (tested). `eligible[i]` false leaves case `i` out; nil: every case is eligible.
    ///
    /// The cases are hashed in the order they are stored, each core a slice of them, and
    /// each ticket is kept only if it is among its stratum's best so far: a stratum's cases
    /// are spread over the whole frame, and visiting them stratum by stratum had waited on
    /// memory for every id. The slices' bests are then merged stratum by stratum.
    func select(counts: [Int], eligible: [Bool]?, seed: String) -> [[(caseID: String, ticket: Ticket.Value)]] {
        precondition(strata.count == counts.count, "one count per stratum")
        let slices = Parallel.slices(of: 0..<count, count: ProcessInfo.processInfo.activeProcessorCount)
        let found = Parallel.map(slices.count) { part in bests(in: slices[part], counts: counts, eligible: eligible, seed: seed) }
        return (0..<strata.count).map { s in
            var merged: [Ticketed] = []
            for part in found { merged.append(contentsOf: part[s]) }
            return smallest(counts[s], of: merged).map { (caseID(Int($0.index)), $0.ticket) }
        }
    }

    /// Whether `a` comes before `b`: ticket, then id bytes.
    func precedes(_ a: Ticketed, _ b: Ticketed) -> Bool {
        if a.ticket != b.ticket { return a.ticket < b.ticket }
        return idBytes.withUnsafeBufferPointer { bytes in
            func id(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[idStarts[Int(i)] ..< idStarts[Int(i) + 1]])
            }
            return id(a.index).lexicographicallyPrecedes(id(b.index))
        }
    }

    /// The `k` first of `entries` in order.
    func smallest(_ k: Int, of entries: [Ticketed]) -> [Ticketed] {
        Array(entries.sorted(by: precedes).prefix(k))
    }

    /// Strata that give at most this many cases keep only their best so far as the cases
    /// come; others keep every ticket and sort them at the end.
    static let fewPicks = 16

    /// Each stratum's candidates among the cases of `range`: its best `counts[s]` so far, in
    /// order, or every ticket (unordered) when it gives more than `fewPicks`.
    func bests(in range: Range<Int>, counts: [Int], eligible: [Bool]?, seed: String) -> [[Ticketed]] {
        var kept = counts.map { k -> [Ticketed] in
            var list: [Ticketed] = []
            list.reserveCapacity(k <= Self.fewPicks ? k + 1 : 0)
            return list
        }
        var seedContext = Ticket.Machine(seed: seed).seedContext
        let chunk = 4_096
        var words = [UInt64](repeating: 0, count: 4 * chunk)
        for first in stride(from: range.lowerBound, to: range.upperBound, by: chunk) {
            let n = min(chunk, range.upperBound - first)
            idBytes.withUnsafeBufferPointer { bytes in
                idStarts.withUnsafeBufferPointer { starts in
                    words.withUnsafeMutableBufferPointer { out in
                        ticket_hash_run(&seedContext, bytes.baseAddress, starts.baseAddress, first, n, out.baseAddress)
                    }
                }
            }
            for j in 0..<n {
                let i = first + j
                if let eligible, !eligible[i] { continue }
                let s = Int(stratumOf[i])
                let k = counts[s]
                guard k > 0 else { continue }
                let entry = Ticketed(ticket: Ticket.Value(words: (words[4 * j], words[4 * j + 1], words[4 * j + 2], words[4 * j + 3])),
                                     index: Int32(i))
                if k > Self.fewPicks {
                    kept[s].append(entry)
                    continue
                }
                let full = kept[s].count == k
                if full, !precedes(entry, kept[s][k - 1]) { continue }
                var at = kept[s].count
                while at > 0, precedes(entry, kept[s][at - 1]) { at -= 1 }
                kept[s].insert(entry, at: at)
                if full { kept[s].removeLast() }
            }
        }
        return kept
    }
}

extension DrawCandidates {
    /// Whether every byte is between 1 and 127, looked at 8 bytes at a time.
    static func isPlainASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
            while i + 8 <= buffer.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A byte of 128 or more, or (the classic test) a byte of zero.
                if word & high != 0 || (word &- ones) & ~word & high != 0 { return false }
                i += 8
            }
        }
        while i < buffer.count {
            if buffer[i] == 0 || buffer[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}

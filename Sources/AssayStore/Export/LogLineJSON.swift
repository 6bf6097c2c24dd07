import Foundation
import GRDB

/// One audit log entry as the pack's JSON line, written by hand into a reusable byte buffer:
/// exactly the bytes `JSONSerialization` (`.sortedKeys`) makes of `PackFiles.object(row)`,
/// without a dictionary, NSNumbers and a Data for every entry. A 100,000-audit database's
/// segment is about four million entries; through JSONSerialization they took most of
/// 450–600 s (docs/performance.md, "The evidence pack").
///
/// What Foundation decides is learnt from it, not assumed: the order it sorts the keys into
/// and how it escapes every ASCII character are read back from JSONSerialization's own output
/// when a writer is made. The writer then writes an awkward sample entry both ways; if the
/// bytes ever differ (a Foundation that writes numbers or strings another way), every line
/// goes through JSONSerialization, slow but still the same bytes. Real numbers (which no
/// audit_log column holds) always do.
struct LogLineJSON {
    /// The row's column indices in the order JSONSerialization writes their names.
    private let order: [Int]
    /// `{"name":` for the first key written, `,"name":` for the rest, in `order`.
    private let keys: [[UInt8]]
    private let strings: StringEscapes
    /// The hand writer disagreed with JSONSerialization on the sample entry.
    private(set) var usesFoundation = false

    /// A writer for rows with these columns, in this order (`SELECT *`'s).
    init(columns: [String]) {
        let strings = StringEscapes()
        let order = Self.foundationOrder(columns)
        self.strings = strings
        self.order = order
        keys = order.enumerated().map { position, column in
            var key: [UInt8] = [position == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")]
            strings.append(columns[column], to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        let sample = Self.sample(count: columns.count)
        var handWritten: [UInt8] = []
        appendEntry({ sample[$0] }, to: &handWritten)
        // A repeated column name (never in `SELECT *` of one table) keeps its first value and
        // sends every line through JSONSerialization rather than trap here.
        let object = Row(Dictionary(zip(columns, sample.map { $0 as (any DatabaseValueConvertible)? }),
                                    uniquingKeysWith: { first, _ in first }))
        let foundation = try? Array(PackFiles.json(PackFiles.object(object)).utf8)
        usesFoundation = !strings.nonASCIIAsIs || handWritten != foundation || Set(columns).count != columns.count
    }

    /// Appends the entry's JSON object (no newline).
    func append(_ row: Row, to buffer: inout [UInt8]) {
        if usesFoundation, let json = try? PackFiles.json(PackFiles.object(row)) {
            buffer.append(contentsOf: json.utf8)
        } else {
            appendEntry({ row[$0] }, to: &buffer)
        }
    }

    /// The object by hand, `value(i)` being column i's value.
    private func appendEntry(_ value: (Int) -> DatabaseValue, to buffer: inout [UInt8]) {
        for (position, column) in order.enumerated() {
            buffer.append(contentsOf: keys[position])
            appendValue(value(column), to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private func appendValue(_ value: DatabaseValue, to buffer: inout [UInt8]) {
        switch value.storage {
        case .null: buffer.append(contentsOf: Self.null)
        case .int64(let i): Self.appendDecimal(i, to: &buffer)
        case .double(let d): Self.appendFoundation(d, to: &buffer)
        case .string(let s): strings.append(s, to: &buffer)
        case .blob(let data): strings.append(data.base64EncodedString(), to: &buffer)
        }
    }

    private static let null = Array("null".utf8)

    /// Base-10 digits, with a leading `-`: how JSONSerialization writes an integer.
    static func appendDecimal(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)  // 40 bytes ≥ 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(digits[index]) }
        }
    }

    /// A value as JSONSerialization writes it inside an array, without the brackets.
    static func appendFoundation(_ value: Any, to buffer: inout [UInt8]) {
        guard let data = try? JSONSerialization.data(withJSONObject: [value]) else { return }
        buffer.append(contentsOf: data.dropFirst().dropLast())
    }

    /// The column indices sorted as JSONSerialization sorts the names: each name's position
    /// in its output for an object holding all of them.
    private static func foundationOrder(_ columns: [String]) -> [Int] {
        var object: [String: Any] = [:]
        for (index, column) in columns.enumerated() { object[column] = index }
        guard let text = try? PackFiles.json(object) else { return Array(columns.indices) }
        let strings = StringEscapes()
        let bytes = Array(text.utf8)
        let positions = columns.map { column -> Int in
            var needle: [UInt8] = []
            strings.append(column, to: &needle)
            needle.append(UInt8(ascii: ":"))
            return bytes.firstRange(of: needle)?.lowerBound ?? Int.max
        }
        return columns.indices.sorted { positions[$0] < positions[$1] }
    }

    /// Values for an entry of `count` columns that cover what a hand writer could get wrong:
    /// every ASCII character and some beyond, integers at both ends, NULL, empty text.
    private static func sample(count: Int) -> [DatabaseValue] {
        let values: [DatabaseValue] = [
            String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self).databaseValue,
            "é ü 中文 \u{2028}\u{2029} \u{FEFF} \u{80} 😀 \u{10FFFF} a/b \"q\" \\".databaseValue,
            Int64.min.databaseValue, Int64.max.databaseValue, 0.databaseValue, (-1).databaseValue, .null, "".databaseValue,
        ]
        return (0..<count).map { values[$0 % values.count] }
    }
}

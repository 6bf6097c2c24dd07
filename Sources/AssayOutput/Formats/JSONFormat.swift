import AssayCore
import Foundation

/// JSON as docs/json.md fixes it: a listing is an array of objects, a single record one
/// object; keys are the columns' snake_case keys in column order; null for missing values.
public struct JSONFormat: OutputFormat {
    public init() {}

    public func render(_ listing: Listing, style: TerminalStyle) -> String {
        let objects = listing.rows.map { row in
            "{" + zip(listing.columns, row).map { Self.string($0.key) + ": " + Self.value($1) }.joined(separator: ", ") + "}"
        }
        if listing.isSingleRecord { return (objects.first ?? "{}") + "\n" }
        if objects.isEmpty { return "[]\n" }
        return "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): string(s)
        case .int(let i): String(i)
        case .number(let d, _): d.isFinite ? number(d) : "null"
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .group(let fields): "{" + fields.map { string($0.key) + ": " + value($0.value) }.joined(separator: ", ") + "}"
        case .list(let items): "[" + items.map(value).joined(separator: ", ") + "]"
        }
    }

    /// Shortest representation that reads back to the same double.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Every other control character, and what else could act on a terminal the JSON is
            // printed to (DEL, C1 controls, bidirectional overrides, line and paragraph
            // separators: TextPolicy's refused characters), as a \u escape: the same string
            // to any JSON reader.
            case _ where TextPolicy.isRefused(scalar, kind: .line):
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

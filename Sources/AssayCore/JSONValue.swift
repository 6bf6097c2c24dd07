/// A JSON value as Assay writes it wherever its bytes matter: the JSON columns of the
/// database (hashed into the audit log, docs/integrity.md "JSON columns") and the signed
/// authority return (docs/regional.md, "Canonical JSON"). No floating-point numbers, so that
/// the bytes are the same in every language that writes them.
///
/// Why not `JSONEncoder` or `JSONSerialization`: their key order and escaping are not
/// specified (Foundation's `.sortedKeys` orders "é" before "Z", and `/` is escaped unless
/// asked not to be), and a digest or a signature is over bytes. Every value stored or
/// returned is a count, an identifier or text, so integers suffice.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The canonical bytes: RFC 8785 (the JSON Canonicalization Scheme) for documents
    /// without fractions. Members sorted by their names' UTF-16 code units, no whitespace
    /// anywhere, integers in plain decimal, strings escaped as `JSON.stringify` escapes them
    /// (`\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx` in lower case) and every
    /// other character written as its UTF-8 bytes.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        append(to: &out)
        return out
    }

    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    private func append(to out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .integer(let i): out += Array(String(i).utf8)
        case .string(let s): Self.appendString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted(by: { $0.utf16.lexicographicallyPrecedes($1.utf16) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [92, 34]
            case UInt8(ascii: "\\"): out += [92, 92]
            case 0x08: out += [92, UInt8(ascii: "b")]
            case 0x0C: out += [92, UInt8(ascii: "f")]
            case 0x0A: out += [92, UInt8(ascii: "n")]
            case 0x0D: out += [92, UInt8(ascii: "r")]
            case 0x09: out += [92, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// An object whose member order is itself data, written in that order (not sorted) with
    /// the canonical spelling of its names and values: a draw's `stratum_key`, whose members
    /// follow the draw's `--by` fields (docs/schema.md). The one exception to sorted members.
    public static func orderedObjectText<S: Sequence>(_ members: S) -> String where S.Element == (String, JSONValue) {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, (name, value)) in members.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            value.append(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONValue {
    /// The text, or null when there is none.
    public static func orNull(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    /// The number, or null when there is none.
    public static func orNull(_ number: Int64?) -> JSONValue { number.map(JSONValue.integer) ?? .null }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var integer: Int64? { if case .integer(let i) = self { return i }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var object: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
}

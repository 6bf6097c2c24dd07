/// A strict reader of JSON text (RFC 8259) into `JSONValue`: a fraction or an exponent, a
/// duplicated member name, text after the value, or bytes that are not UTF-8 are refused,
/// each with the byte offset, so a return (or a stored JSON column) cannot mean two things
/// to two readers.
public struct StrictJSONReader {
    private let bytes: [UInt8]
    private var at = 0
    private let source: String
    private let kind: String

    /// - Parameters:
    ///   - source: what to call the text in errors (a file name, a column).
    ///   - kind: what the text should have been, for errors ("a valid return").
    public static func parse(_ bytes: [UInt8], source: String, kind: String = "valid JSON") throws -> JSONValue {
        var reader = StrictJSONReader(bytes: bytes, source: source, kind: kind)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.at == bytes.count else { throw reader.failure("text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8], source: String, kind: String) {
        self.bytes = bytes
        self.source = source
        self.kind = kind
    }

    private func failure(_ what: String) -> StrictJSONError {
        StrictJSONError(source: source, expected: kind, problem: what, byte: at)
    }

    private mutating func skipSpace() {
        while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
    }

    private mutating func expect(_ literal: String) throws {
        let l = Array(literal.utf8)
        guard at + l.count <= bytes.count, Array(bytes[at..<at + l.count]) == l else { throw failure("expected \(literal)") }
        at += l.count
    }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard depth < 64 else { throw failure("nesting deeper than 64") }
        guard at < bytes.count else { throw failure("unexpected end") }
        switch bytes[at] {
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard at < bytes.count else { throw failure("unexpected end in an array") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                throw failure("expected , or ]")
            }
        case UInt8(ascii: "{"):
            at += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
            while true {
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
                let key = try string()
                guard members[key] == nil else { throw failure("member \"\(key)\" given twice") }
                skipSpace()
                try expect(":")
                skipSpace()
                members[key] = try value(depth: depth + 1)
                skipSpace()
                guard at < bytes.count else { throw failure("unexpected end in an object") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                throw failure("expected , or }")
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try integer())
        default:
            throw failure("unexpected character")
        }
    }

    private mutating func integer() throws -> Int64 {
        let start = at
        if bytes[at] == UInt8(ascii: "-") { at += 1 }
        let digitsStart = at
        while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
        guard at > digitsStart else { throw failure("a number without digits") }
        guard !(bytes[digitsStart] == UInt8(ascii: "0") && at - digitsStart > 1) else { throw failure("a number with a leading zero") }
        if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) {
            throw failure("a number with a fraction or exponent (a return holds whole numbers only)")
        }
        guard let value = Int64(String(decoding: bytes[start..<at], as: UTF8.self)) else { throw failure("a number out of range") }
        return value
    }

    private mutating func string() throws -> String {
        at += 1  // the opening quote
        var out: [UInt8] = []
        while true {
            guard at < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw failure("a string that is not UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { throw failure("unterminated escape") }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "\""): out.append(34)
                case UInt8(ascii: "\\"): out.append(92)
                case UInt8(ascii: "/"): out.append(47)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        try expect("\\u")
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("an unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let s = Unicode.Scalar(scalar) else { throw failure("an unpaired surrogate") }
                    out += Array(String(Character(s)).utf8)
                default: throw failure("an unknown escape")
                }
            case 0..<0x20: throw failure("a control character in a string")
            default: out.append(byte)
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else {
            throw failure("a bad \\u escape")
        }
        at += 4
        return v
    }
}

/// A file that is not the JSON it should be (a key, a return): where, and what is wrong.
public struct StrictJSONError: AssayError, Equatable {
    public let source: String
    /// What the file should have been ("a valid return").
    public let expected: String
    public let problem: String
    public let byte: Int

    public var kind: ErrorKind { .invalidInput }
    public var place: InputPlace? { .file(source) }
    public var description: String { "\(source) is not \(expected): \(problem) at byte \(byte)." }
}

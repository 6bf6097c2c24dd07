/// Writes CSV records the way RFC 4180 says, so any spreadsheet or importer reads them back
/// field for field: a field holding a comma, a double quote, CR or LF is wrapped in double
/// quotes, with each inner quote doubled; other fields are written as they are. Records end
/// with LF (the RFC's CRLF is also accepted by readers; LF keeps diffs of committed samples
/// clean).
enum CSVLine {
    /// Appends one record and its line end to `bytes`.
    static func append(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(comma) }
            appendField(Array(field.utf8), to: &bytes)
        }
        bytes.append(lineFeed)
    }

    /// Appends one record of raw bytes (which need not be UTF-8) and its line end.
    static func append(rawFields fields: [[UInt8]], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(comma) }
            appendField(field, to: &bytes)
        }
        bytes.append(lineFeed)
    }

    /// True when RFC 4180 requires the field to be quoted.
    static func needsQuotes<Bytes: Sequence>(_ field: Bytes) -> Bool where Bytes.Element == UInt8 {
        field.contains { $0 == comma || $0 == quote || $0 == lineFeed || $0 == carriageReturn }
    }

    private static func appendField(_ field: [UInt8], to bytes: inout [UInt8]) {
        guard needsQuotes(field) else {
            bytes += field
            return
        }
        bytes.append(quote)
        for byte in field {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
    }

    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}

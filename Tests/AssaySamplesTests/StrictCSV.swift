/// A strict RFC 4180 reader for checking what the generators write: a field is either
/// unquoted and free of commas, quotes and line breaks, or wholly quoted with inner quotes
/// doubled. Anything looser is an error, so a test passing means any reader can read it.
struct StrictCSV {
    struct Record {
        /// The physical line the record starts on (the header is line 1).
        let line: Int
        let fields: [[UInt8]]

        var strings: [String] { fields.map { String(decoding: $0, as: UTF8.self) } }
    }

    struct Malformed: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    static func records(_ bytes: [UInt8]) throws -> [Record] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [Record] = []
        var i = 0
        var line = 1
        while i < bytes.count {
            let start = line
            var fields: [[UInt8]] = []
            recordLoop: while true {
                var field: [UInt8] = []
                if i < bytes.count, bytes[i] == quote {
                    i += 1
                    while true {
                        guard i < bytes.count else { throw Malformed(line: start, reason: "unclosed quote") }
                        if bytes[i] == quote {
                            if i + 1 < bytes.count, bytes[i + 1] == quote {
                                field.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            break
                        }
                        if bytes[i] == lf { line += 1 }
                        field.append(bytes[i])
                        i += 1
                    }
                } else {
                    while i < bytes.count, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                        if bytes[i] == quote { throw Malformed(line: line, reason: "quote in an unquoted field") }
                        field.append(bytes[i])
                        i += 1
                    }
                }
                fields.append(field)
                guard i < bytes.count else { break recordLoop }
                switch bytes[i] {
                case comma:
                    i += 1
                case cr where i + 1 < bytes.count && bytes[i + 1] == lf:
                    i += 2
                    line += 1
                    break recordLoop
                case lf:
                    i += 1
                    line += 1
                    break recordLoop
                default:
                    throw Malformed(line: line, reason: "text after a closing quote")
                }
            }
            records.append(Record(line: start, fields: fields))
        }
        return records
    }
}

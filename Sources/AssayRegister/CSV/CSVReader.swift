import AssayCore
import Crypto
import Foundation

/// Streams records from an RFC 4180 CSV file without holding the file in memory.
///
/// Accepts what spreadsheets export: UTF-8 with or without a byte-order mark, LF or CRLF
/// line ends (a lone CR ends a line too), and quoted fields holding commas, doubled quotes
/// and line breaks. A quote inside an unquoted field is kept as a character, as spreadsheets
/// do when they write `5" screen`. Blank lines are skipped. While reading, the reader
/// hashes every byte, so the import can record the SHA-256 of exactly the file it read.
public final class CSVReader {
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var startedFile = false
    private var hasher = SHA256()
    private static let chunkSize = 1 << 16

    public init(path: String) throws {
        self.path = path
        self.handle = try InputFile.open(at: path)
    }

    deinit { try? handle.close() }

    /// SHA-256 of the bytes read so far; the whole file's once `next()` has returned nil.
    public var sha256: String { hasher.finalize().hexString }

    /// The next record, or nil at the end of the file.
    public func next() throws -> CSVRecord? {
        while true {
            guard let byte = try peek() else { return nil }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                consumeLineBreak()  // a blank line
                continue
            }
            return try readRecord()
        }
    }

    private func readRecord() throws -> CSVRecord {
        let start = line
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var malformation: String?
        var quoted = false
        var fieldStarted = false  // true once the field has any content or opening quote
        var afterClosingQuote = false

        while true {
            guard let byte = try peek() else {
                if quoted && malformation == nil {
                    malformation = "a quoted field opened on line \(start) is never closed"
                }
                fields.append(field)
                return CSVRecord(line: start, fields: fields, malformation: malformation)
            }
            if quoted {
                advance()
                if byte == UInt8(ascii: "\"") {
                    if try peek() == UInt8(ascii: "\"") {
                        advance()
                        field.append(byte)
                    } else {
                        quoted = false
                        afterClosingQuote = true
                    }
                } else {
                    let next = try peek()
                    if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && next != UInt8(ascii: "\n")) {
                        line += 1
                    }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                advance()
                fields.append(field)
                field = []
                fieldStarted = false
                afterClosingQuote = false
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                consumeLineBreak()
                fields.append(field)
                return CSVRecord(line: start, fields: fields, malformation: malformation)
            case UInt8(ascii: "\"") where !fieldStarted:
                advance()
                quoted = true
                fieldStarted = true
            default:
                advance()
                if afterClosingQuote && malformation == nil {
                    malformation = "text after a closing quote in field \(fields.count + 1)"
                }
                field.append(byte)
                fieldStarted = true
            }
        }
    }

    private func consumeLineBreak() {
        if buffer[position] == UInt8(ascii: "\r") {
            advance()
            if (try? peek()) == UInt8(ascii: "\n") { advance() }
        } else {
            advance()
        }
        line += 1
    }

    private func advance() { position += 1 }

    private func peek() throws -> UInt8? {
        if position < buffer.count { return buffer[position] }
        if atEnd { return nil }
        let data: Data
        do {
            data = try handle.read(upToCount: Self.chunkSize) ?? Data()
        } catch {
            throw InputFile.readFailure(path, error)
        }
        if data.isEmpty {
            atEnd = true
            return nil
        }
        hasher.update(data: data)
        buffer = Array(data)
        position = 0
        if !startedFile {
            startedFile = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            if position >= buffer.count { return try peek() }
        }
        return buffer[position]
    }
}

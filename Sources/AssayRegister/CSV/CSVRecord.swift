/// One record of a CSV file as read, before any meaning is given to it.
public struct CSVRecord: Sendable {
    /// The physical line the record starts on (1-based), as a spreadsheet user counts lines.
    public let line: Int
    /// The fields' raw bytes; decoded later, so that invalid UTF-8 is reported per field.
    public let fields: [[UInt8]]
    /// Set when the record is malformed (a quoted field never closed, text after a
    /// closing quote); `fields` then holds what could be read.
    public let malformation: String?
}

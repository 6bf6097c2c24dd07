/// Turns a field's raw bytes into text: valid UTF-8 or nothing, trimmed of the blanks
/// spreadsheets leave around values (ASCII white space and the no-break space U+00A0).
/// Works on bytes because it runs for every field of every row of an import.
public enum FieldText {
    public static func trimmed(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer -> String? in
            var start = 0, end = buffer.count
            func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            while true {
                if start < end, isBlank(buffer[start]) { start += 1 }
                else if start + 1 < end, buffer[start] == 0xC2, buffer[start + 1] == 0xA0 { start += 2 }
                else { break }
            }
            while true {
                if end > start, isBlank(buffer[end - 1]) { end -= 1 }
                else if end - 1 > start, buffer[end - 2] == 0xC2, buffer[end - 1] == 0xA0 { end -= 2 }
                else { break }
            }
            return String(validating: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }
}

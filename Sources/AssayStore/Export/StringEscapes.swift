import Foundation

/// How JSONSerialization escapes text, learnt from it: for each ASCII character, the bytes it
/// writes (itself, or an escape such as `\"`, `\/`, `\n`, `\u001f`).
struct StringEscapes {
    /// nil where the character is written as itself.
    private let ascii: [[UInt8]?]
    /// JSONSerialization writes characters beyond ASCII as their UTF-8 bytes.
    let nonASCIIAsIs: Bool

    init() {
        ascii = (0..<128).map { code in
            let character = String(UnicodeScalar(UInt8(code)))
            var written: [UInt8] = []
            LogLineJSON.appendFoundation(character, to: &written)
            let inner = Array(written.dropFirst().dropLast())  // the quotes
            return inner == Array(character.utf8) ? nil : inner
        }
        let beyond = "é ü 中文 \u{2028}\u{2029} \u{FEFF} \u{80} 😀 \u{10FFFF}"
        var written: [UInt8] = []
        LogLineJSON.appendFoundation(beyond, to: &written)
        nonASCIIAsIs = written == [UInt8(ascii: "\"")] + Array(beyond.utf8) + [UInt8(ascii: "\"")]
    }

    /// `text` quoted and escaped.
    func append(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            buffer.append(UInt8(ascii: "\""))
            var run = 0  // start of the bytes not yet copied
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x80, let escape = ascii[Int(byte)] else { continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                buffer.append(contentsOf: escape)
                run = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            buffer.append(UInt8(ascii: "\""))
        }
    }
}

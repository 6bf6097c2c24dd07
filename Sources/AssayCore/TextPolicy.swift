/// What text may enter Assay's records, decided in one place.
///
/// Every value the store keeps is read back to people at terminals, in spreadsheets and on
/// committee papers. Characters that are not text but instructions to a terminal (ESC starts
/// escape sequences that can retitle a window, clear the screen or hide text; BEL, backspace
/// and carriage return overwrite what was shown) or that SQLite's C interface cuts a string
/// at (NUL) must never be stored: a value would be silently shortened, or replayed as
/// commands on whoever reads it later. Bidirectional overrides reorder what is displayed,
/// so an id or a name could read as another; they are refused too.
///
/// Loaders call `problem(in:kind:)` to name the file, line and field; the store's audited
/// writer calls it for every text value it writes, so nothing reaches the database unchecked
/// whichever way it came in (docs/integrity.md, "What text is stored").
public enum TextPolicy {
    /// How much layout a value may carry.
    public enum Kind: Sendable {
        /// One line: names, ids, teams, months, titles. No control characters at all.
        case line
        /// Free text such as evidence or an action: may hold line feeds and tabs.
        case paragraph
    }

    /// Why `text` may not be stored, or nil when it may.
    public static func problem(in text: String, kind: Kind) -> String? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if isRefused(scalar, kind: kind) {
                return "holds \(describe(scalar)) at character \(position); remove it (control characters are not stored)"
            }
        }
        return nil
    }

    /// True when `scalar` may not be stored in a value of this kind.
    public static func isRefused(_ scalar: Unicode.Scalar, kind: Kind) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: kind == .line
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        case 0x2028, 0x2029: kind == .line
        default: false
        }
    }

    /// A name a person recognises for a refused character: "ESC (U+001B)", "NUL (U+0000)".
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        let names: [UInt32: String] = [
            0x00: "a NUL byte", 0x07: "a bell (BEL)", 0x08: "a backspace", 0x09: "a tab", 0x0A: "a line break",
            0x0D: "a carriage return", 0x1B: "an escape character (ESC)", 0x7F: "a delete character (DEL)",
        ]
        if let name = names[scalar.value] { return "\(name), \(code)," }
        if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
            return "a bidirectional override, \(code),"
        }
        return "a control character, \(code),"
    }

    /// `text` made safe to print on a terminal: every refused character shown as a visible
    /// escape (`\u{1B}`), so text stored before these checks, or read from a file, can be
    /// shown without acting on the reader's terminal. Line feeds and tabs are kept for
    /// paragraphs.
    public static func printable(_ text: String, kind: Kind = .paragraph) -> String {
        guard text.unicodeScalars.contains(where: { isRefused($0, kind: kind) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isRefused(scalar, kind: kind) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

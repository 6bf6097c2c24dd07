import Foundation

/// The page's colours, in one place so that their contrast can be checked (a test does):
/// text at least 4.5:1 against its background and chart lines and marks at least 3:1 against
/// white (WCAG 2.1, 1.4.3 and 1.4.11). Colour never carries a meaning alone: every mark that
/// differs in colour also differs in shape, dash or words.
enum Palette {
    static let paper = "#ffffff"
    static let ink = "#1b1b1b"
    /// Secondary text: captions, notes, axis labels.
    static let muted = "#4d4d4d"
    static let accent = "#08519c"
    /// More inadequate than expected; worsening; overdue.
    static let alarm = "#b2182b"
    /// Fewer inadequate than expected; improving.
    static let good = "#1a6b32"
    /// The 95% limits (dashed) and Laney's limits.
    static let limit95 = "#a04b05"
    /// The 99.8% limits (solid).
    static let limit998 = "#b2182b"
    /// The authority's line on the team charts (dashed), axes.
    static let reference = "#6b6b6b"
    /// Grid lines: decoration, not data (a reader needs the tick labels, not the lines).
    static let grid = "#dedede"
    /// The interval band (an area behind the line, not a line).
    static let band = "#c6dbef"
    /// Rows that total or stand for the authority.
    static let authorityRow = "#eef3f9"
    /// A thin heat-map cell's hatching.
    static let thin = "#9a9a9a"

    /// Text colours and the background each is read on.
    static let textPairs: [(name: String, text: String, background: String)] = [
        ("ink", ink, paper), ("muted", muted, paper), ("accent", accent, paper), ("alarm", alarm, paper), ("good", good, paper),
        ("ink on authority row", ink, authorityRow), ("muted on authority row", muted, authorityRow),
        ("alarm on authority row", alarm, authorityRow),
    ]

    /// Chart lines and marks, read against white.
    static let lines: [(name: String, colour: String)] = [
        ("series", accent), ("reference", reference), ("limit95", limit95), ("limit998", limit998), ("more", alarm), ("fewer", good),
        ("axis", reference), ("open actions", accent), ("overdue actions", alarm),
    ]

    /// WCAG relative luminance of "#rrggbb".
    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        func channel(_ i: Int) -> Double {
            let value = Double(Int(String(digits[i..<i + 2]), radix: 16)!) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    /// The WCAG contrast ratio of two colours, 1 to 21.
    static func contrast(_ a: String, _ b: String) -> Double {
        let x = luminance(a), y = luminance(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// Black or white text, whichever reads better on `background`: at least 4.58:1 on any
    /// colour, where the two cross (the page's near-black ink would fall to 4.1 there).
    static func textOn(_ background: String) -> String {
        contrast("#000000", background) >= contrast("#ffffff", background) ? "#000000" : "#ffffff"
    }
}

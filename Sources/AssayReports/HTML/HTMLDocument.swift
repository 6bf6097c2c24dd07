import Foundation

/// The shell of the one-file HTML report: escaping, number formats, the document and its
/// print margins. No script, no external resource: the page is one file that opens and
/// prints anywhere. The style sheet is `PageStyle`.
enum HTML {
    /// `text` with the five characters HTML and XML give meaning to escaped, so any name
    /// (a team called "Children & Families <East>") prints as written, in HTML text, in
    /// attribute values and in inline SVG alike.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` as a CSS string's content (between double quotes): backslashes, quotes and line
    /// ends escaped, and "<" written as an escape so nothing can close the style element.
    static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "<": out += "\\3C "
            case ">": out += "\\3E "
            case "&": out += "\\26 "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\" + String(scalar.value, radix: 16) + " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// "21.3%" (a rate is a fraction); for the few places a decimal is kept (limits in
    /// method notes). People's figures use `ReadableFigures`.
    static func percent(_ rate: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f%%", rate * 100)
    }

    /// p to four places, "<0.0001" below that (never a misleading 0.0000), "–" for none.
    static func pValue(_ p: Double?) -> String {
        guard let p else { return "–" }
        return p < 0.0001 ? "<0.0001" : String(format: "%.4f", p)
    }

    /// A whole document: `body` is HTML already escaped; `running` the printed page's running
    /// header (left and right) and footer (left; the page number is on the right).
    static func document(title: String, body: String, running: (left: String, right: String, footer: String)) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Assay">
        <title>\(escape(title))</title>
        <style>
        \(PageStyle.margins(running))
        \(PageStyle.css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}

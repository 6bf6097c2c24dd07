import Foundation

/// The shell of the one-file HTML report: escaping, number formats, the document and its
/// CSS (screen and A4 print). No script, no external resource: the page is one file that
/// opens and prints anywhere.
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

    /// "21.3%" (a rate is a fraction; people read percentages).
    static func percent(_ rate: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f%%", rate * 100)
    }

    /// "3.1–80.6%".
    static func interval(_ low: Double, _ high: Double) -> String {
        String(format: "%.1f–%.1f%%", low * 100, high * 100)
    }

    /// p to four places, "<0.0001" below that (never a misleading 0.0000), "–" for none.
    static func pValue(_ p: Double?) -> String {
        guard let p else { return "–" }
        return p < 0.0001 ? "<0.0001" : String(format: "%.4f", p)
    }

    /// A whole document: `body` is HTML already escaped.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Assay">
        <title>\(escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The page's only style sheet. Screen: one column at A4 width. Print: A4 portrait,
    /// each section from a new page, no figure or table row split across pages, colours
    /// kept (the heat map and bands say things in colour, and in words beside them).
    static let css = """
        @page { size: A4; margin: 14mm 12mm 15mm; }
        :root { --ink: #1b1b1b; --muted: #555; --rule: #cfcfcf; --accent: #08519c; --alarm: #b2182b; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: var(--ink);
               font-size: 10pt; line-height: 1.4; max-width: 186mm; margin: 0 auto; padding: 8mm 4mm; background: #fff; }
        header { border-bottom: 3px solid var(--accent); margin-bottom: 5mm; padding-bottom: 2mm; }
        h1 { font-size: 19pt; margin: 0 0 1mm; }
        h2 { font-size: 14pt; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 1mm; margin: 0 0 3mm; }
        h3 { font-size: 10pt; margin: 0 0 1mm; }
        p { margin: 0 0 2.5mm; }
        .lede, figcaption, .notes, .legend { color: var(--muted); }
        section { margin: 0 0 12mm; }
        nav ol { margin: 0 0 4mm; padding-left: 6mm; columns: 2; }
        .key-figures { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; margin: 0 0 4mm; }
        .key-figures div { border: 1px solid var(--rule); border-left: 4px solid var(--accent); padding: 2mm 3mm; break-inside: avoid; }
        .key-figures .label { display: block; font-size: 8.5pt; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
        .key-figures .value { display: block; font-size: 15pt; font-weight: bold; }
        .key-figures .detail { display: block; font-size: 9pt; }
        .worsening, .flag-above, .alarm { color: var(--alarm); font-weight: bold; }
        .improving, .flag-below { color: #1a7837; font-weight: bold; }
        figure { margin: 0 0 4mm; break-inside: avoid; }
        figcaption { font-size: 8.5pt; margin-top: 1mm; }
        svg { display: block; width: 100%; height: auto; font-family: inherit; overflow: visible; }
        .multiples { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 3mm 5mm; }
        .multiples figure { margin: 0; }
        .multiples h3 { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .legend { font-size: 8.5pt; margin: 0 0 3mm; }
        .swatch { display: inline-block; width: 5mm; height: 2.5mm; vertical-align: middle; margin: 0 1mm 0 3mm; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0 0 2mm; }
        caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9.5pt; padding-bottom: 1mm; }
        th, td { padding: .8mm 1.5mm; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        th { border-bottom: 1.5px solid var(--ink); font-weight: bold; }
        .nowrap { white-space: nowrap; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        tr.authority td { font-weight: bold; background: #f3f6fa; }
        .notes { font-size: 8pt; padding-left: 4mm; margin: 0 0 5mm; }
        .empty { font-style: italic; color: var(--muted); }
        svg text { font-size: 11px; fill: #333; }
        svg .axis { stroke: #777; stroke-width: 1; }
        svg .grid { stroke: #e4e4e4; stroke-width: 1; }
        svg .tick { font-size: 10px; fill: #555; }
        svg .axis-title { font-size: 11px; fill: #333; }
        svg .band { fill: #9ecae1; fill-opacity: .55; stroke: none; }
        svg .series { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .reference { fill: none; stroke: #888; stroke-width: 1.2; stroke-dasharray: 4 3; }
        svg .point { fill: var(--accent); stroke: #fff; stroke-width: 1; }
        svg .target { stroke: #333; stroke-width: 1.2; }
        svg .limit95 { fill: none; stroke: #e08214; stroke-width: 1.3; stroke-dasharray: 5 3; }
        svg .limit998 { fill: none; stroke: var(--alarm); stroke-width: 1.3; }
        svg .inflated95 { fill: none; stroke: #e08214; stroke-width: 1; stroke-dasharray: 1.5 2.5; }
        svg .inflated998 { fill: none; stroke: var(--alarm); stroke-width: 1; stroke-dasharray: 1.5 2.5; }
        svg .team-point { fill: #fff; stroke: var(--accent); stroke-width: 1.6; }
        svg .team-point.outside { fill: var(--alarm); stroke: var(--alarm); }
        svg .point-key { font-size: 9px; fill: #222; }
        svg .signal { fill: var(--alarm); stroke: #fff; stroke-width: 1; }
        svg .heat-label { font-size: 10px; fill: #222; }
        svg .heat-value { font-size: 9px; text-anchor: middle; fill: #222; }
        svg .heat-value.on-dark { fill: #fff; }
        svg .heat-empty { fill: #f0f0f0; }
        svg .heat-row-authority { font-weight: bold; }
        @media print {
          body { max-width: none; padding: 0; font-size: 9.5pt; }
          section { margin: 0; }
          section + section { break-before: page; }
          a { color: inherit; text-decoration: none; }
          h2, h3, caption { break-after: avoid; }
        }
        """
}

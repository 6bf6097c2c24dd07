/// The page's only style sheet, and its printed margins.
///
/// - **Screen**: one column at about A4's width; at phone width (390 px) the body never
///   scrolls sideways: text and names wrap, charts stand one to a row, and wide tables and
///   wide charts scroll inside their own box.
/// - **Print**: A4 portrait; a running header (the authority, the period) and footer (the
///   audit log's chain head, "Page n of m") on every page; sections flow one after another,
///   so no page is left nearly empty; no figure or table row is split; colours
///   kept, though nothing is read from colour alone (greyscale prints keep the words, shapes
///   and hatching).
enum PageStyle {
    /// The @page rule with its margin boxes.
    static func margins(_ running: (left: String, right: String, footer: String)) -> String {
        let box = "font-family: \"Liberation Sans\", Arial, sans-serif; font-size: 7.5pt; color: \(Palette.muted);"
        return """
            @page {
              size: A4; margin: 17mm 12mm 16mm;
              @top-left { content: "\(HTML.cssString(running.left))"; \(box) }
              @top-right { content: "\(HTML.cssString(running.right))"; \(box) text-align: right; }
              @bottom-left { content: "\(HTML.cssString(running.footer))"; \(box) }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); \(box) text-align: right; }
            }
            """
    }

    static let css = """
        :root { --ink: \(Palette.ink); --muted: \(Palette.muted); --rule: #c8c8c8; --accent: \(Palette.accent); --alarm: \(Palette.alarm); --good: \(Palette.good); }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; -webkit-text-size-adjust: 100%; }
        body { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: var(--ink);
               font-size: 10pt; line-height: 1.45; max-width: 186mm; margin: 0 auto; padding: 8mm 4mm; background: #fff;
               overflow-wrap: break-word; }
        header.page-head { border-bottom: 3px solid var(--accent); margin-bottom: 4mm; padding-bottom: 2mm; }
        h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 1mm; }
        h2 { font-size: 14pt; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 1mm; margin: 0 0 3mm; }
        h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
        h4 { font-size: 10pt; margin: 2mm 0 1mm; }
        p { margin: 0 0 2.5mm; }
        .lede, figcaption, .notes, .legend, .muted { color: var(--muted); }
        section { margin: 0 0 10mm; }
        .headline { border: 1px solid var(--rule); border-left: 5px solid var(--accent); padding: 2mm 4mm; margin: 0 0 3mm;
                    display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 4mm; break-inside: avoid; }
        .headline .value { font-size: 26pt; font-weight: bold; line-height: 1.1; }
        .headline .label { font-size: 11pt; font-weight: bold; flex: 1 1 60mm; }
        .headline .detail { flex-basis: 100%; font-size: 9.5pt; }
        .answer { margin: 0 0 2mm; break-inside: avoid; }
        .answer h3 { margin-top: 2mm; }
        .answer p { margin: 0 0 1.2mm; }
        nav.contents ol { margin: 0 0 3mm; padding-left: 6mm; columns: 2; }
        .more, .worsening, .alarm { color: var(--alarm); font-weight: bold; }
        .fewer, .improving { color: var(--good); font-weight: bold; }
        figure { margin: 0 0 4mm; break-inside: avoid; }
        figure.wide { overflow-x: auto; }
        figcaption { font-size: 8.5pt; margin-top: 1mm; }
        .chart-title { font-weight: bold; font-size: 9.5pt; color: var(--ink); margin: 0 0 1mm; }
        svg { display: block; width: 100%; height: auto; font-family: inherit; }
        figure.wide > svg { min-width: 540px; }
        .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 52mm), 1fr)); gap: 3mm 5mm; }
        .multiples figure { margin: 0; padding: 1mm 1.5mm; border: 1px solid transparent; }
        .multiples figure.more { border: 2px solid var(--alarm); }
        .multiples figure.fewer { border: 2px dashed var(--good); }
        .multiples h4 { margin: 0 0 .5mm; font-size: 9.5pt; }
        .badge { display: inline-block; font-size: 8pt; font-weight: bold; padding: 0 1.5mm; border-radius: 1mm; border: 1px solid currentColor; }
        .legend { font-size: 8.5pt; margin: 0 0 3mm; }
        .swatch { display: inline-block; width: 5mm; height: 2.5mm; vertical-align: middle; margin: 0 1mm 0 3mm; }
        .table-scroll { overflow-x: auto; max-width: 100%; margin: 0 0 2mm; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0; }
        caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9.5pt; padding-bottom: 1mm; color: var(--ink); }
        th, td { padding: .8mm 1.5mm; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        thead th { border-bottom: 1.5px solid var(--ink); font-weight: bold; }
        tbody th { font-weight: normal; }
        th.group-head { text-align: center; border-bottom: 1px solid var(--rule); }
        .nowrap { white-space: nowrap; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        tr.authority th, tr.authority td { font-weight: bold; background: \(Palette.authorityRow); }
        tr.subhead th { background: #f4f4f4; font-style: italic; }
        .notes { font-size: 8pt; padding-left: 4mm; margin: 0 0 4mm; }
        .empty { font-style: italic; color: var(--muted); }
        .guide dt { font-weight: bold; margin-top: 1.5mm; }
        .guide dd { margin: 0 0 1mm 0; }
        table.heat { font-size: 7.5pt; width: auto; min-width: 100%; }
        table.heat th.domain { min-width: 34mm; max-width: 48mm; }
        table.heat thead th.vertical { vertical-align: bottom; padding: 1mm .5mm; }
        table.heat thead th.vertical span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block;
                                            max-height: 38mm; white-space: normal; text-align: left; }
        table.heat td.cell { text-align: center; padding: .5mm .6mm; min-width: 9mm; line-height: 1.15; border: 1px solid #fff; }
        table.heat td.cell .n { display: block; font-size: 6.5pt; }
        table.heat td.thin { background-image: repeating-linear-gradient(45deg, \(Palette.thin) 0 1px, transparent 1px 4px); font-style: italic; }
        table.heat td.none { background: #f2f2f2; color: var(--muted); }
        svg text { font-size: 11px; fill: #222; }
        svg .axis { stroke: \(Palette.reference); stroke-width: 1; }
        svg .grid { stroke: \(Palette.grid); stroke-width: 1; }
        svg .tick { font-size: 10px; fill: \(Palette.muted); }
        svg .axis-title { font-size: 11px; fill: #222; }
        svg .band { fill: \(Palette.band); stroke: none; }
        svg .series { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .reference { fill: none; stroke: \(Palette.reference); stroke-width: 1.3; stroke-dasharray: 4 3; }
        svg .point { fill: var(--accent); stroke: #fff; stroke-width: 1; }
        svg .target { stroke: #222; stroke-width: 1.2; }
        svg .limit95 { fill: none; stroke: \(Palette.limit95); stroke-width: 1.4; stroke-dasharray: 6 3; }
        svg .limit998 { fill: none; stroke: \(Palette.limit998); stroke-width: 1.4; }
        svg .inflated95 { fill: none; stroke: \(Palette.limit95); stroke-width: 1.2; stroke-dasharray: 1.5 2.5; }
        svg .inflated998 { fill: none; stroke: \(Palette.limit998); stroke-width: 1.2; stroke-dasharray: 1.5 2.5; }
        svg .team-point { fill: #fff; stroke: var(--accent); stroke-width: 1.6; }
        svg .team-point.more { fill: var(--alarm); stroke: var(--alarm); }
        svg .team-point.fewer { fill: #fff; stroke: var(--good); stroke-width: 2; }
        svg .point-key { font-size: 9.5px; fill: #222; }
        svg .leader { stroke: \(Palette.reference); stroke-width: .8; }
        svg .signal { fill: var(--alarm); stroke: #fff; stroke-width: 1; }
        svg .bar-open { fill: var(--accent); }
        svg .bar-overdue { fill: var(--alarm); }
        svg .bar-label { font-size: 9px; fill: #222; text-anchor: middle; }
        svg .flag-mark { font-size: 10px; font-weight: bold; }
        @media (max-width: 600px) {
          body { padding: 12px 10px; font-size: 11pt; }
          nav.contents ol { columns: 1; }
          caption { max-width: calc(100vw - 24px); }
          .headline .value { font-size: 22pt; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 9.5pt; }
          section { margin: 0 0 6mm; }
          figure.wide { overflow: visible; }
          figure.wide > svg { min-width: 0; }
          .table-scroll { overflow: visible; }
          a { color: inherit; text-decoration: none; }
          h2, h3, h4, caption, .chart-title { break-after: avoid; }
        }
        """
}

import Foundation

/// The domain heat map: a row per team (the authority first), a column per domain (worst
/// first), each cell shaded by the share of the team's audits that graded the domain
/// requires improvement or inadequate, with the percentage written in it; grey where no
/// audit of the team graded the domain.
enum HeatMapChart {
    static let width = 700.0
    static let labelWidth = 170.0
    static let headerHeight = 104.0
    static let rowHeight = 18.0

    /// Reds, light to dark (ColorBrewer "Reds"): 0% to 100%.
    static let stops: [(Double, (Double, Double, Double))] = [
        (0, (255, 245, 240)), (0.25, (252, 187, 161)), (0.5, (251, 106, 74)), (0.75, (203, 24, 29)), (1, (103, 0, 13)),
    ]

    /// The fill of a share, "#rrggbb".
    static func colour(_ share: Double) -> String {
        let s = min(1, max(0, share))
        var i = 0
        while i < stops.count - 2 && s > stops[i + 1].0 { i += 1 }
        let (a, ca) = stops[i], (b, cb) = stops[i + 1]
        let t = (s - a) / (b - a)
        func mix(_ u: Double, _ v: Double) -> Int { Int((u + (v - u) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(ca.0, cb.0), mix(ca.1, cb.1), mix(ca.2, cb.2))
    }

    static func chart(_ map: DomainHeatMap, window: String) -> String {
        let columns = map.domains.count
        // Room on the right for the last column's slanted name.
        let cellWidth = max(18, min(48, (width - labelWidth - 70) / Double(max(1, columns))))
        let drawingWidth = max(width, labelWidth + cellWidth * Double(columns) + 70)
        let rows = [("Authority", map.authority)] + map.teams.map { ($0, map.cells[$0] ?? [:]) }
        let gridTop = headerHeight
        let legendTop = gridTop + Double(rows.count) * rowHeight + 6 + 16
        let height = legendTop + 26

        var content = ""
        for (j, domain) in map.domains.enumerated() {
            let cx = labelWidth + (Double(j) + 0.5) * cellWidth
            content += SVG.text(domain, x: cx + 3, y: gridTop - 5, classes: "heat-label", rotate: -55)
        }
        for (i, row) in rows.enumerated() {
            // A gap under the authority's row sets it apart from the teams.
            let top = gridTop + Double(i) * rowHeight + (i == 0 ? 0 : 6)
            content += SVG.text(clipped(row.0, to: 28), x: labelWidth - 6, y: top + rowHeight / 2 + 3.5, anchor: "end",
                                classes: i == 0 ? "heat-label heat-row-authority" : "heat-label")
            for (j, domain) in map.domains.enumerated() {
                let cx = labelWidth + Double(j) * cellWidth
                let cell = row.1[domain] ?? .empty
                guard let share = cell.share else {
                    content += SVG.rect(x: cx + 0.5, y: top + 0.5, width: cellWidth - 1, height: rowHeight - 1, classes: "heat-empty",
                                        tooltip: "\(row.0), \(domain): not graded")
                    continue
                }
                content += SVG.rect(x: cx + 0.5, y: top + 0.5, width: cellWidth - 1, height: rowHeight - 1, fill: colour(share),
                                    tooltip: "\(row.0), \(domain): \(cell.belowGood) of \(cell.graded) graded requires improvement or inadequate (\(HTML.percent(share)))")
                // White on the darker reds (the page's CSS sets text colours, so it is a class).
                content += SVG.text(String(Int((share * 100).rounded())), x: cx + cellWidth / 2, y: top + rowHeight / 2 + 3.2,
                                    classes: share >= 0.6 ? "heat-value on-dark" : "heat-value")
            }
        }
        // The key: the colour ramp from 0% to 100%, and the grey of "not graded".
        let rampLeft = labelWidth, rampWidth = 200.0
        for k in 0..<20 {
            content += SVG.rect(x: rampLeft + Double(k) * rampWidth / 20, y: legendTop - 10, width: rampWidth / 20 + 0.3, height: 10,
                                fill: colour((Double(k) + 0.5) / 20))
        }
        content += SVG.text("0%", x: rampLeft, y: legendTop + 11, anchor: "start", classes: "tick")
        content += SVG.text("50%", x: rampLeft + rampWidth / 2, y: legendTop + 11, anchor: "middle", classes: "tick")
        content += SVG.text("100%", x: rampLeft + rampWidth, y: legendTop + 11, anchor: "end", classes: "tick")
        content += SVG.text("graded 3 or 4", x: rampLeft - 6, y: legendTop - 1, anchor: "end", classes: "tick")
        content += SVG.rect(x: rampLeft + rampWidth + 24, y: legendTop - 10, width: 14, height: 10, classes: "heat-empty")
        content += SVG.text("not graded by the team's audits", x: rampLeft + rampWidth + 44, y: legendTop - 1, classes: "tick")
        let label = "Domain heat map, \(window): share of audits grading each domain requires improvement or inadequate, by team"
        return SVG.drawing(id: "domain-heat-map", classes: "chart heat-map", width: drawingWidth, height: height, label: label, content: content)
    }

    /// A label shortened with "…" to fit its column (the full name is in the tables).
    static func clipped(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}

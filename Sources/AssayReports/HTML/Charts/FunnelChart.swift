import AssayStatistics

/// A funnel plot: each group's plain share of audits judged inadequate over the window (raw
/// counts) against its number of audits, with the exact binomial 95% and 99.8% limits around
/// the authority's share θ (and the limits widened for over-dispersion, dotted, when the
/// groups vary more than chance allows). θ is the authority's raw share over the window,
/// which is also the groups' pooled share.
///
/// Groups are numbered as in the funnel table. The two ways out are drawn apart: **more
/// inadequate than expected** is a filled triangle pointing up, **fewer** a hollow triangle
/// pointing down, a group within its limits a hollow circle; each number is placed clear of
/// every other number and point (`LabelPlacer`), with a leader line when it had to move.
enum FunnelChart {
    static let width = 700.0
    static let plotHeight = 360.0
    static let frame = ChartFrame(width: width, height: plotHeight, top: 12, right: 20, bottom: 40, left: 52)

    /// - Parameters:
    ///   - id: the drawing's id, unique on the page ("team-funnel", "locality-funnel").
    ///   - what: "teams" or "localities".
    static func chart(_ funnel: FunnelPlot, id: String, what: String, window: String) -> String {
        let maxAudits = funnel.teams.map(\.audits).max() ?? 1
        let x = LinearScale(domain: 0, niceCeiling(Double(maxAudits) * 1.08), range: frame.plotLeft, frame.plotRight)
        let xTop = Int(x.domain.high)
        let minAudits = funnel.teams.map(\.audits).min() ?? 1
        let atSmallest = FunnelLimits(target: funnel.target, audits: minAudits, phi: funnel.inflationFactor)
        let highest = max(funnel.teams.map(\.rate).max() ?? 0, atSmallest.exact998.upper, atSmallest.inflated998?.upper ?? 0)
        let ceiling = min(1, max(0.1, ((highest + 0.02) * 10).rounded(.up) / 10))
        let y = LinearScale(domain: 0, ceiling, range: frame.plotBottom, frame.plotTop)

        var content = SVG.clip(id: "\(id)-clip", frame)
        content += SVG.yAxis(frame, y, ticks: y.ticks(5), label: { ReadableFigures.percentCell($0) }, title: "share judged inadequate")
        content += SVG.xAxis(frame, ticks: x.ticks(8).map { (x($0), String(Int($0))) }, title: "audits in the window")

        // The curves, from one audit to the right edge (at most about 300 points each).
        let step = max(1, xTop / 300)
        let sizes = Array(stride(from: 1, through: max(1, xTop), by: step))
        let curve = funnel.curve(at: sizes)
        func points(_ value: (FunnelLimits) -> Double?) -> [SVG.Point] {
            zip(sizes, curve).compactMap { n, limits in value(limits).map { (x(Double(n)), y($0)) } }
        }
        var lines: [(points: [SVG.Point], classes: String)] = [
            (points { $0.exact95.lower }, "limit95"), (points { $0.exact95.upper }, "limit95"),
            (points { $0.exact998.lower }, "limit998"), (points { $0.exact998.upper }, "limit998"),
        ]
        if funnel.inflationFactor != nil {
            lines += [(points { $0.inflated95?.lower }, "inflated95"), (points { $0.inflated95?.upper }, "inflated95"),
                      (points { $0.inflated998?.lower }, "inflated998"), (points { $0.inflated998?.upper }, "inflated998")]
        }
        content += "<g clip-path=\"url(#\(id)-clip)\">" + SVG.curves(lines)
        content += SVG.line(frame.plotLeft, y(funnel.target), frame.plotRight, y(funnel.target), classes: "target") + "</g>"

        let positions = funnel.teams.map { (x: x(Double($0.audits)), y: y($0.rate)) }
        for (i, team) in funnel.teams.enumerated() {
            let (px, py) = positions[i]
            var tooltip = "\(i + 1). \(team.label): \(team.inadequate) of \(team.audits) audits judged inadequate, "
                + FlagWords.phrase(FlagWords.reading(team))
            if team.inflated != nil { tooltip += " (against the widened limits)" }
            content += mark(FlagWords.side(FlagWords.reading(team)), px, py, tooltip: tooltip)
        }
        // Numbers: the flagged groups first, so they sit nearest their points.
        var placer = LabelPlacer(bounds: .init(x: frame.plotLeft + 1, y: frame.plotTop, width: frame.plotRight - frame.plotLeft - 1,
                                               height: frame.plotBottom - frame.plotTop - 1),
                                 points: positions, pointRadius: 5.5)
        let order = funnel.teams.indices.sorted { a, b in
            (FlagWords.concern(FlagWords.reading(funnel.teams[a])) == 2 ? 1 : 0, a) < (FlagWords.concern(FlagWords.reading(funnel.teams[b])) == 2 ? 1 : 0, b)
        }
        for i in order {
            let place = placer.place(String(i + 1), x: positions[i].x, y: positions[i].y)
            if place.needsLeader {
                let cx = place.box.x + place.box.width / 2, cy = place.box.y + place.box.height / 2
                content += SVG.line(positions[i].x, positions[i].y, cx, cy, classes: "leader")
            }
            content += SVG.text(String(i + 1), x: place.textX, y: place.baseline, classes: "point-key")
        }
        let inflated = funnel.inflationFactor != nil
        content += legend(inflated: inflated, target: funnel.target, what: what, top: plotHeight + 12)
        let height = plotHeight + legendHeight(inflated: inflated)
        let label = "Funnel plot of the \(what)' plain shares of audits judged inadequate, \(window), against the authority's "
            + "\(ReadableFigures.percent(funnel.target)), with 95% and 99.8% limits"
        return SVG.drawing(id: id, classes: "chart funnel-chart", width: width, height: height, label: label, content: content)
    }

    /// A group's mark: a hollow circle within, a filled triangle up above, a hollow triangle
    /// down below.
    static func mark(_ side: FlagWords.Side, _ x: Double, _ y: Double, tooltip: String? = nil) -> String {
        switch side {
        case .within: SVG.circle(x, y, r: 3.8, classes: "team-point", tooltip: tooltip)
        case .more: SVG.triangle(x, y, r: 6, up: true, classes: "team-point more", tooltip: tooltip)
        case .fewer: SVG.triangle(x, y, r: 6, up: false, classes: "team-point fewer", tooltip: tooltip)
        }
    }

    /// The key, below the x axis, two items to a row.
    static func legend(inflated: Bool, target: Double, what: String, top: Double) -> String {
        var items: [(kind: String, text: String)] = [
            ("target", "the authority's share over the window, \(ReadableFigures.percent(target))"), ("within", "within the limits (number: the table's)"),
            ("limit95", "95% limits"), ("more", "more inadequate than expected"),
            ("limit998", "99.8% limits"), ("fewer", "fewer inadequate than expected"),
        ]
        if inflated {
            items += [("inflated95", "95% limits, widened (over-dispersion)"), ("inflated998", "99.8% limits, widened")]
        }
        var out = ""
        for (i, item) in items.enumerated() {
            let lx = frame.plotLeft + Double(i % 2) * 320, ly = top + Double(i / 2) * 15
            switch item.kind {
            case "within": out += mark(.within, lx + 12, ly - 3.5)
            case "more": out += mark(.more, lx + 12, ly - 3.5)
            case "fewer": out += mark(.fewer, lx + 12, ly - 3.5)
            default: out += SVG.line(lx, ly - 3.5, lx + 24, ly - 3.5, classes: item.kind)
            }
            out += SVG.text(item.text, x: lx + 30, y: ly, classes: "tick")
        }
        return out
    }

    /// The height the legend needs.
    static func legendHeight(inflated: Bool) -> Double { (inflated ? 4 : 3) * 15 + 6 }

    /// The next round number at or above `value` (1, 2, 2.5 or 5 times a power of ten, or
    /// a multiple of one), so the axis ends on a tick.
    static func niceCeiling(_ value: Double) -> Double {
        let scale = LinearScale(domain: 0, max(1, value), range: 0, 1)
        let ticks = scale.ticks(8)
        guard ticks.count >= 2 else { return max(1, value.rounded(.up)) }
        let step = ticks[1] - ticks[0]
        return (max(1, value) / step).rounded(.up) * step
    }
}

import AssayStatistics

/// The funnel plot: each team's raw inadequate rate over the window against its number of
/// audits, with the exact binomial 95% and 99.8% limits around the authority's rate θ
/// (and the over-dispersion-inflated limits, dotted, when the teams are over-dispersed).
/// θ is the authority's raw rate over the window, which is the teams' pooled rate.
/// Teams are numbered as in the funnel table; a team outside its limits is a filled diamond.
enum FunnelChart {
    static let width = 700.0
    static let plotHeight = 360.0
    static let frame = ChartFrame(width: width, height: plotHeight, top: 12, right: 20, bottom: 40, left: 52)

    /// Whether the team lies outside the limits the reader should read: the inflated ones
    /// when the teams are over-dispersed, else the exact ones.
    static func isOutside(_ team: FunnelPlot.Team) -> Bool {
        (team.inflated ?? team.exact) != .within
    }

    static func chart(_ funnel: FunnelPlot, window: String) -> String {
        let maxAudits = funnel.teams.map(\.audits).max() ?? 1
        let x = LinearScale(domain: 0, niceCeiling(Double(maxAudits) * 1.08), range: frame.plotLeft, frame.plotRight)
        let xTop = Int(x.domain.high)
        let minAudits = funnel.teams.map(\.audits).min() ?? 1
        let atSmallest = FunnelLimits(target: funnel.target, audits: minAudits, phi: funnel.inflationFactor)
        let highest = max(funnel.teams.map(\.rate).max() ?? 0, atSmallest.exact998.upper, atSmallest.inflated998?.upper ?? 0)
        let ceiling = min(1, max(0.1, ((highest + 0.02) * 10).rounded(.up) / 10))
        let y = LinearScale(domain: 0, ceiling, range: frame.plotBottom, frame.plotTop)

        var content = SVG.clip(id: "funnel-clip", frame)
        content += SVG.yAxis(frame, y, ticks: y.ticks(5), label: { HTML.percent($0, decimals: 0) }, title: "inadequate rate")
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
        content += "<g clip-path=\"url(#funnel-clip)\">" + SVG.curves(lines)
        content += SVG.line(frame.plotLeft, y(funnel.target), frame.plotRight, y(funnel.target), classes: "target") + "</g>"

        for (i, team) in funnel.teams.enumerated() {
            let px = x(Double(team.audits)), py = y(team.rate)
            var tooltip = "\(i + 1). \(team.label): \(team.inadequate) of \(team.audits) (\(HTML.percent(team.rate))), \(team.exact.rawValue) (exact)"
            if let inflated = team.inflated { tooltip += ", \(inflated.rawValue) (inflated)" }
            content += isOutside(team)
                ? SVG.diamond(px, py, r: 5, classes: "team-point outside", tooltip: tooltip)
                : SVG.circle(px, py, r: 3.8, classes: "team-point", tooltip: tooltip)
            content += SVG.text(String(i + 1), x: px + 5, y: py - 4, classes: "point-key")
        }
        let inflated = funnel.inflationFactor != nil
        content += legend(inflated: inflated, target: funnel.target, top: plotHeight + 12)
        let height = plotHeight + legendHeight(inflated: inflated)
        let label = "Funnel plot of the teams' inadequate rates, \(window), against \(HTML.percent(funnel.target)) with 95% and 99.8% limits"
        return SVG.drawing(id: "funnel-plot", classes: "chart funnel-chart", width: width, height: height, label: label, content: content)
    }

    /// The key, below the x axis, two items to a row.
    static func legend(inflated: Bool, target: Double, top: Double) -> String {
        var items: [(classes: String, text: String)] = [
            ("target", "authority's rate over the window θ = \(HTML.percent(target))"), ("point", "a team (numbered as in the table)"),
            ("limit95", "95% limits (exact binomial)"), ("limit998", "99.8% limits (exact binomial)"),
        ]
        if inflated {
            items += [("inflated95", "95% limits, inflated for over-dispersion"), ("inflated998", "99.8% limits, inflated")]
        }
        var out = ""
        for (i, item) in items.enumerated() {
            let lx = frame.plotLeft + Double(i % 2) * 320, ly = top + Double(i / 2) * 15
            if item.classes == "point" {
                out += SVG.circle(lx + 12, ly - 3.5, r: 3.5, classes: "team-point")
            } else {
                out += SVG.line(lx, ly - 3.5, lx + 24, ly - 3.5, classes: item.classes)
            }
            out += SVG.text(item.text, x: lx + 30, y: ly, classes: "tick")
        }
        return out
    }

    /// The height the legend needs.
    static func legendHeight(inflated: Bool) -> Double { (inflated ? 3 : 2) * 15 + 6 }

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

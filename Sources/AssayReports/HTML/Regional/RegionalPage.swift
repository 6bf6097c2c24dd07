import AssayStatistics

/// `hub report html`: the regional page, one self-contained HTML file in the authority
/// report's style (the same style sheet, tables, funnel chart and plain words), from figures
/// the hub has already worked out — this module never reads the hub (docs/regional.md).
///
/// It answers the questions a regional board asks, in the order the authority page answers
/// them for teams: what the region's rate is, where each authority stands against it, which
/// way each is going, and which domains are weakest across the region.
public struct RegionalPage: Sendable {
    /// One authority's figures.
    public struct Authority: Sendable {
        public let name: String
        public let neighbours: String?
        /// Its design-based rate over the period (nil: no audits shown).
        public let estimate: RateEstimate?
        /// Strata left out because the return hid their counts.
        public let hiddenStrata: Int
        /// Its direction of travel over the trend window.
        public let direction: TrendTest.Direction?

        public init(name: String, neighbours: String?, estimate: RateEstimate?, hiddenStrata: Int, direction: TrendTest.Direction?) {
            self.name = name
            self.neighbours = neighbours
            self.estimate = estimate
            self.hiddenStrata = hiddenStrata
            self.direction = direction
        }
    }

    /// A domain across the region: graded audits and how many were requires improvement or inadequate.
    public struct Domain: Sendable {
        public let section: String
        public let graded: Int
        public let poor: Int

        public init(section: String, graded: Int, poor: Int) {
            self.section = section
            self.graded = graded
            self.poor = poor
        }
    }

    public let region: String
    public let period: String
    public let trendWindow: String
    public let regionEstimate: RateEstimate?
    public let regionDirection: TrendTest.Direction?
    public let authorities: [Authority]
    public let funnel: FunnelPlot?
    public let domains: [Domain]
    /// What the figures rest on: returns, their chain heads, the hub's schema (a footnote).
    public let provenance: [String]

    public init(region: String, period: String, trendWindow: String, regionEstimate: RateEstimate?, regionDirection: TrendTest.Direction?,
                authorities: [Authority], funnel: FunnelPlot?, domains: [Domain], provenance: [String]) {
        self.region = region
        self.period = period
        self.trendWindow = trendWindow
        self.regionEstimate = regionEstimate
        self.regionDirection = regionDirection
        self.authorities = authorities
        self.funnel = funnel
        self.domains = domains
        self.provenance = provenance
    }

    public var html: String {
        var body = "<header><h1>\(HTML.escape(region)): case-audit quality across the region</h1>\n"
        body += "<p class=\"lede\">Audits of randomly drawn cases in \(HTML.escape(period)), from each authority's signed return.</p></header>\n"
        body += "<section id=\"summary\"><h2>In short</h2>\n<ul>\n" + summary.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul></section>\n"
        body += "<section id=\"rates\"><h2>Each authority's inadequate rate</h2>\n" + ratesTable.render()
        body += "<p class=\"note\">\(HTML.escape(Self.rateNote))</p></section>\n"
        if let funnel {
            body += "<section id=\"funnel\"><h2>Where each authority stands against the region</h2>\n"
            body += FunnelChart.chart(funnel, id: "regional-funnel", what: "authorities", window: period)
            body += HTMLTables.funnel(funnel, id: "regional-funnel-table", caption: "Authorities against the region's rate, \(period)",
                                       groupTitle: "Authority").render()
            body += "</section>\n"
        }
        if !domains.isEmpty {
            body += "<section id=\"domains\"><h2>Domains across the region</h2>\n" + domainsTable.render() + "</section>\n"
        }
        body += "<section id=\"about\"><h2>About these figures</h2>\n<ul>\n"
            + provenance.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul></section>\n"
        return HTML.document(title: "\(region): regional case-audit report, \(period)", body: body,
                             running: (left: region, right: period, footer: "Regional case-audit report"))
    }

    /// The plain-words summary, as the authority page's leaders' summary says it.
    var summary: [String] {
        var lines: [String] = []
        if let e = regionEstimate {
            lines.append("Across the region, an estimated \(ReadableFigures.percentCell(e.rate)) of cases were judged inadequate "
                + "(\(e.inadequate) of \(e.audited) audited cases; 95% interval \(ReadableFigures.intervalCell(e.ciLow, e.ciHigh))).")
        } else {
            lines.append("No audits were returned for \(period).")
        }
        if let d = regionDirection { lines.append("Over \(trendWindow) the region's rate is \(Self.words(d)).") }
        if let funnel {
            let above = funnel.teams.filter { ($0.inflated ?? $0.exact) == .above95 || ($0.inflated ?? $0.exact) == .above998 }.map(\.label)
            let below = funnel.teams.filter { ($0.inflated ?? $0.exact) == .below95 || ($0.inflated ?? $0.exact) == .below998 }.map(\.label)
            lines.append(above.isEmpty ? "No authority has more inadequate audits than the region's rate would give it, beyond chance."
                : "More inadequate audits than expected: \(above.joined(separator: ", ")).")
            if !below.isEmpty { lines.append("Fewer than expected: \(below.joined(separator: ", ")) (good practice to learn from, or kinder grading).") }
        }
        let worsening = authorities.filter { $0.direction == .worsening }.map(\.name)
        if !worsening.isEmpty { lines.append("Worsening over \(trendWindow): \(worsening.joined(separator: ", ")).") }
        if let weakest = domains.filter({ $0.graded > 0 }).max(by: { Double($0.poor) / Double($0.graded) < Double($1.poor) / Double($1.graded) }) {
            lines.append("The weakest domain across the region is \(weakest.section): \(ReadableFigures.percentCell(Double(weakest.poor) / Double(weakest.graded))) "
                + "of the audits grading it found it requires improvement or inadequate.")
        }
        let hidden = authorities.reduce(0) { $0 + $1.hiddenStrata }
        if hidden > 0 {
            lines.append("\(hidden) strata were returned with small counts hidden and are left out of the rates (docs/regional.md).")
        }
        return lines
    }

    static func words(_ d: TrendTest.Direction) -> String {
        switch d {
        case .improving: "improving (falling, beyond chance)"
        case .worsening: "worsening (rising, beyond chance)"
        case .noClearChange: "showing no clear change"
        }
    }

    static let rateNote = "Rate: the estimated share of cases judged inadequate, weighted for how each authority drew its cases, by the "
        + "estimator of the authorities' own reports, so each authority's rate is its own report's for the same months. "
        + "Strata whose counts were hidden ([c]) in a return are left out and counted."

    var ratesTable: HTMLTable {
        let rows = (regionEstimate.map { [("Region", nil as String?, $0 as RateEstimate?, authorities.reduce(0) { $0 + $1.hiddenStrata }, regionDirection)] } ?? [])
            + authorities.map { ($0.name, $0.neighbours, $0.estimate, $0.hiddenStrata, $0.direction) }
        return HTMLTable(
            id: "regional-rates", caption: "Inadequate rate by authority, \(period)",
            columns: [.init("Authority"), .init("Neighbours"), .init("Audits", numeric: true), .init("Inadequate", numeric: true),
                      .init("Rate", numeric: true), .init("95% interval", numeric: true), .init("Strata hidden", numeric: true),
                      .init("Direction (\(trendWindow))")],
            rows: rows.map { name, group, e, hidden, direction in
                HTMLTable.Row(cells: [name, group ?? "", e.map { String($0.audited) } ?? "0", e.map { String($0.inadequate) } ?? "0",
                                      e.map { ReadableFigures.percentCell($0.rate) } ?? "–",
                                      e.map { ReadableFigures.intervalCell($0.ciLow, $0.ciHigh) } ?? "–", String(hidden),
                                      direction?.rawValue ?? "–"])
            })
    }

    var domainsTable: HTMLTable {
        HTMLTable(
            id: "regional-domains", caption: "Domains across the region, \(period): audits grading each, and how many requires improvement or inadequate",
            columns: [.init("Domain"), .init("Audits grading it", numeric: true), .init("RI or inadequate", numeric: true), .init("Share", numeric: true)],
            rows: domains.map { d in
                HTMLTable.Row(cells: [d.section, String(d.graded), String(d.poor),
                                      d.graded == 0 ? "–" : ReadableFigures.percentCell(Double(d.poor) / Double(d.graded))])
            })
    }
}

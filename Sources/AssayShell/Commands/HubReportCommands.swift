import ArgumentParser
import AssayCore
import AssayHub
import AssayOutput
import AssayReports
import AssayStatistics
import AssayStore

/// `hub report …`: the regional reports (docs/regional.md, "Regional reports").
struct HubReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Regional reports from the authorities' current returns.",
        subcommands: [HubReportRatesCommand.self, HubReportFunnelCommand.self, HubReportTrendCommand.self, HubReportDomainsCommand.self,
                      HubReportHTMLCommand.self])
}

/// `--from M --to M` (default: the latest month returned) and `--neighbours GROUP`.
struct HubPeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The first month (default: the latest month returned).", valueName: MonthOption.valueName))
    var from: Month?

    @Option(help: ArgumentHelp("The last month (default: the latest month returned).", valueName: MonthOption.valueName))
    var to: Month?

    @Option(help: ArgumentHelp("Only the authorities of this statistical-neighbour group.", valueName: "group"))
    var neighbours: String?

    func period(_ hub: Hub) throws -> (from: Month, to: Month) {
        let latest = try hub.latestMonth()
        guard let to = to ?? latest else {
            throw AssayFailure("The hub holds no returns yet: hub import FILE…")
        }
        let from = from ?? to
        guard from <= to else { throw AssayFailure("--from \(from) is after --to \(to).") }
        return (from, to)
    }

    /// The hub, the period, and the current strata of the period's months.
    func strata(_ connection: HubOptions) throws -> (hub: Hub, months: (from: Month, to: Month), strata: RegionalStrata) {
        let hub = try connection.open()
        let months = try period(hub)
        return (hub, months, try hub.strata(from: months.from, to: months.to, neighbours: neighbours))
    }

    func heading(_ what: String, _ period: (from: Month, to: Month)) -> String {
        let months = period.from == period.to ? "\(period.from)" : "\(period.from) to \(period.to)"
        return "\(what), \(months)\(neighbours.map { ", neighbours \($0)" } ?? "")\n\n"
    }
}

struct HubReportRatesCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates", abstract: "Each authority's inadequate rate, design-based from its returns' N_h and n_h, and the region's.")

    @OptionGroup var connection: HubOptions
    @OptionGroup var period: HubPeriodOptions
    @Option(help: ArgumentHelp("authority (default) or neighbours.", valueName: "field"))
    var by: String = "authority"
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        guard let grouping = RegionalRates.Grouping(rawValue: by) else {
            throw AssayFailure.usage("--by \(by): authority or neighbours.\(EditDistance.didYouMean(by, among: RegionalRates.Grouping.allCases.map(\.rawValue)))")
        }
        let (_, months, strata) = try period.strata(connection)
        let report = try RegionalRates(strata, by: grouping)
        let forPeople = output.format == .table || output.format == .markdown
        if forPeople { session.write(period.heading("Inadequate rate by \(grouping.rawValue)", months)) }
        guard !report.rows.isEmpty else {
            session.write("No audits returned for these months.\n")
            return
        }
        let columns = [Column(grouping.rawValue), Column("audited"), Column("inadequate"), Column("rate")]
            + (forPeople ? [Column("interval", "95% interval")] : [Column("se"), Column("ci_low"), Column("ci_high")])
            + [Column("ci_method", "interval method"), Column("hidden_strata", "strata hidden")]
        session.emit(Listing(columns: columns, rows: report.rows.map { row in
            let e = row.estimate
            let name: Cell = row.group.map { .text($0.isEmpty ? "(no group)" : $0) } ?? (forPeople ? .text("Region") : .null)
            let figures: [Cell] = forPeople
                ? [.text(ShareText.rate(e.rate, inadequate: e.inadequate, audited: e.audited)), .text(ShareText.interval(e.ciLow, e.ciHigh))]
                : [.number(e.rate, decimals: 3), .number(e.standardError, decimals: 3), .number(e.ciLow, decimals: 3), .number(e.ciHigh, decimals: 3)]
            return [name, .int(e.audited), .int(e.inadequate)] + figures + [.text(e.ciMethod.rawValue), .int(row.hiddenStrata)]
        }), as: output)
        if forPeople {
            session.write(ReportCells.footnotes([
                "Rate: the estimated share of cases that are inadequate, weighted for how each authority drew its cases (N_h / n_h per stratum), "
                    + "by the estimator of the authorities' own reports; an authority's rate here is its own report's for the same months.",
                "Strata hidden: strata whose audits, inadequate count or frame size the return showed as [c] (small counts); they are left out, "
                    + "so an authority with hidden strata is estimated from the rest. Exact-count returns hide none.",
            ]))
        }
    }
}

struct HubReportFunnelCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel", abstract: "Authorities against the region's rate: exact binomial limits, inflated when over-dispersed.")

    @OptionGroup var connection: HubOptions
    @OptionGroup var period: HubPeriodOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let hub = try connection.open()
        let months = try period.period(hub)
        let funnel = RegionalFunnel(try hub.authorityCounts(from: months.from, to: months.to, neighbours: period.neighbours))
        let forPeople = output.format == .table || output.format == .markdown
        if forPeople { session.write(period.heading("Funnel of authorities", months)) }
        guard let plot = funnel.plot else {
            session.write("No audits returned for these months.\n")
            return
        }
        session.emit(Listing(columns: [Column("authority"), Column("audited"), Column("inadequate"), Column("rate"),
                                       Column("flag_exact", "exact limits"), Column("flag_inflated", "inflated limits")],
                             rows: plot.teams.map { t in
                                 [.text(t.label), .int(t.audits), .int(t.inadequate),
                                  forPeople ? .text(ShareText.rate(t.rate, inadequate: t.inadequate, audited: t.audits)) : .number(t.rate, decimals: 3),
                                  .text(t.exact.rawValue), t.inflated.map { .text($0.rawValue) } ?? .null]
                             }), as: output)
        if forPeople {
            var notes = ["Region's rate \(String(format: "%.1f%%", plot.target * 100)) (raw counts, each audit once, as report funnel counts teams); "
                         + "limits: exact binomial 95% and 99.8% around it."]
            if let od = plot.overdispersion {
                notes.append(od.isOverdispersed
                    ? "Over-dispersed (φ \(String(format: "%.2f", od.phi))): authorities differ more than chance allows, so inflated limits show which stand out even so."
                    : "Not over-dispersed (φ \(String(format: "%.2f", od.phi))): the exact limits apply.")
            }
            session.write(ReportCells.footnotes(notes))
        }
    }
}

struct HubReportTrendCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend", abstract: "Each authority's and the region's monthly rate, and its direction of travel.")

    @OptionGroup var connection: HubOptions
    @OptionGroup var period: HubPeriodOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let (_, months, strata) = try period.strata(connection)
        let trend = try RegionalTrend(strata)
        let forPeople = output.format == .table || output.format == .markdown
        if forPeople {
            session.write(period.heading("Direction of travel", months))
            session.emit(Listing(columns: [Column("authority"), Column("months"), Column("audited"), Column("inadequate"), Column("direction")],
                                 rows: trend.series.map { s in
                                     let n = s.points.reduce(0) { $0 + $1.estimate.audited }, k = s.points.reduce(0) { $0 + $1.estimate.inadequate }
                                     return [.text(s.authority ?? "Region"), .int(s.points.count), .int(n), .int(k), .text(s.trend.direction.rawValue)]
                                 }), as: output)
            return
        }
        session.emit(Listing(columns: [Column("authority"), Column("month"), Column("audited"), Column("inadequate"), Column("rate"),
                                       Column("ci_low"), Column("ci_high"), Column("direction")],
                             rows: trend.series.flatMap { s in
                                 s.points.map { p -> [Cell] in
                                     let e = p.estimate
                                     return [.optional(s.authority), .text(p.month.description), .int(e.audited), .int(e.inadequate),
                                             .number(e.rate, decimals: 3), .number(e.ciLow, decimals: 3), .number(e.ciHigh, decimals: 3),
                                             .text(s.trend.direction.rawValue)]
                                 }
                             }), as: output)
    }
}

struct HubReportDomainsCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "domains", abstract: "Each domain across the region: graded, requires improvement and inadequate, by authority.")

    @OptionGroup var connection: HubOptions
    @OptionGroup var period: HubPeriodOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let hub = try connection.open()
        let months = try period.period(hub)
        let domains = try hub.domains(from: months.from, to: months.to, neighbours: period.neighbours)
        let forPeople = output.format == .table || output.format == .markdown
        if forPeople { session.write(period.heading("Domains across the region", months)) }
        session.emit(Listing(columns: [Column("domain"), Column("authority"), Column("graded"), Column("requires_improvement", "requires improvement"),
                                       Column("inadequate"), Column("share_poor", "RI or inadequate"), Column("hidden_rows", "rows hidden")],
                             rows: domains.rows.map { r in
                                 let poor = r.requiresImprovement + r.inadequate
                                 let share: Cell = r.graded == 0 ? .null
                                     : forPeople ? .text(ShareText.rate(Double(poor) / Double(r.graded), inadequate: poor, audited: r.graded))
                                     : .number(Double(poor) / Double(r.graded), decimals: 3)
                                 return [.text(r.section), r.authority.map(Cell.text) ?? (forPeople ? .text("Region") : .null), .int(r.graded),
                                         .int(r.requiresImprovement), .int(r.inadequate), share, .int(r.hiddenRows)]
                             }), as: output)
    }
}

struct HubReportHTMLCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "The regional report as one HTML file in the authority report's style: summary, rates, funnel, direction, domains.")

    @OptionGroup var connection: HubOptions
    @OptionGroup var period: HubPeriodOptions
    @Option(help: ArgumentHelp("The region's name, for the page's title.", valueName: "name"))
    var region = "The region"
    @Option(name: .customLong("trend-months"), help: ArgumentHelp("Months of the direction of travel, ending at --to (default 12).", valueName: "n"))
    var trendMonths = 12
    @Option(help: ArgumentHelp("The HTML file to write (private, 0600).", valueName: "file"))
    var out: String

    func execute(in session: Session) throws {
        let (hub, months, strata) = try period.strata(connection)
        let rates = try RegionalRates(strata)
        let trendFrom = months.to.adding(months: -(max(trendMonths, 2) - 1))
        let trend = try RegionalTrend(try hub.strata(from: trendFrom, to: months.to, neighbours: period.neighbours))
        let direction = Dictionary(trend.series.map { ($0.authority ?? "", $0.trend.direction) }, uniquingKeysWith: { a, _ in a })
        let estimates = Dictionary(rates.rows.compactMap { row in row.group.map { ($0, row.estimate) } }, uniquingKeysWith: { a, _ in a })
        let authorities = strata.authorities.map { a in
            RegionalPage.Authority(name: a.name, neighbours: a.neighbours, estimate: estimates[a.name],
                                   hiddenStrata: a.hiddenStrata, direction: direction[a.name])
        }
        let domains = try hub.domains(from: months.from, to: months.to, neighbours: period.neighbours).rows.filter { $0.authority == nil }
            .map { RegionalPage.Domain(section: $0.section, graded: $0.graded, poor: $0.requiresImprovement + $0.inadequate) }
        let span = months.from == months.to ? "\(months.from)" : "\(months.from) to \(months.to)"
        let provenance = try hub.currentReturns(from: months.from, to: months.to).map {
            "\($0.authority): return \($0.id), made \($0.madeAt), \($0.counts) counts, signed; its audit log head \($0.chainHead) "
                + "(the authority can show with assay verify --head that its records behind it are unchanged)."
        } + ["Design-based rates by the estimator of the authorities' own reports (docs/statistics.md); funnel limits on raw counts, "
             + "with Spiegelhalter's over-dispersion; direction by the Cochran–Armitage test (docs/regional.md)."]
        let page = RegionalPage(region: region, period: span, trendWindow: "\(trendFrom) to \(months.to)",
                                regionEstimate: rates.rows.first { $0.group == nil }?.estimate, regionDirection: direction[""],
                                authorities: authorities,
                                funnel: RegionalFunnel(strata.authorityCounts).plot,
                                domains: domains, provenance: provenance)
        try PrivateFile.write(page.html, to: out)
        session.write("Wrote the regional report for \(span) to \(out): \(authorities.count) \(authorities.count == 1 ? "authority" : "authorities").\n")
    }
}

import AssayStatistics

/// The public page's first screen: the leaders' questions answered in plain sentences, as
/// `LeadersSummary` answers them, but with each count hidden where `PublicFigures` hides it,
/// and groups named by where they stand and which way they are going, never by their counts.
struct PublicSummary {
    let headline: LeadersSummary.Headline?
    let answers: [LeadersSummary.Answer]

    init(_ report: HTMLReport, figures: PublicFigures) {
        let c = SmallCountSuppression.marker
        let toMonth = "the 12 months to \(ReadableFigures.month(report.month))"
        let h = figures.hiddenAuthority
        var howMany: [String]
        if let e = report.headline {
            let k = figures.count(e.inadequate, hidden: h.numerator), n = figures.count(e.audited, hidden: h.denominator)
            let counts = "\(k) inadequate of \(n) audits"
            if h.rate {
                headline = LeadersSummary.Headline(value: c, label: "of cases judged inadequate, \(toMonth)",
                                                   detail: "not published: it rests on too few audits · \(counts)")
                howMany = ["The authority's share over \(toMonth) is not published in this version: it rests on counts under \(figures.rule.threshold) (\(counts))."]
            } else if e.audited < ReadableFigures.countsBelow {
                headline = LeadersSummary.Headline(value: "\(e.inadequate) of \(e.audited)", label: "audits judged inadequate, \(toMonth)",
                                                   detail: "too few audits for a percentage")
                howMany = ["\(e.inadequate) of \(e.audited) audits over \(toMonth) were judged inadequate: too few audits for a percentage."]
            } else {
                headline = LeadersSummary.Headline(value: ReadableFigures.percent(e.rate), label: "of cases judged inadequate, \(toMonth) (weighted estimate)",
                                                   detail: "most likely \(ReadableFigures.interval(e.ciLow, e.ciHigh)) · \(k) of \(n) audits judged inadequate")
                howMany = ["About \(ReadableFigures.percent(e.rate)) of the authority's cases were judged inadequate over \(toMonth) "
                           + "(most likely \(ReadableFigures.interval(e.ciLow, e.ciHigh))), from \(counts).",
                           LeadersSummary.weightedAgainstRaw(e)]
            }
        } else {
            headline = nil
            howMany = ["No audit counts in \(toMonth)."]
        }
        answers = [
            .init(id: "how-many", question: "How many of our cases are inadequate?", sentences: howMany),
            .init(id: "stand-out", question: "Which teams and localities stand out?", sentences: Self.standOut(report)),
            .init(id: "getting-better", question: "Is it getting better?", sentences: Self.gettingBetter(report)),
            .init(id: "actions", question: "Are the actions audits raise being done?", sentences: Self.actions(report, figures)),
            .init(id: "weakest", question: "Where does practice fall short most often?", sentences: Self.weakest(report, figures)),
        ]
    }

    static func standOut(_ report: HTMLReport) -> [String] {
        guard let funnel = report.funnel else { return ["No team has audits in \(LeadersSummary.windowWords(report))."] }
        func side(_ plot: FunnelPlot, _ wanted: FlagWords.Side) -> [String] {
            plot.teams.filter { FlagWords.side(FlagWords.reading($0)) == wanted }.map(\.label)
        }
        var sentences: [String] = []
        let more = side(funnel, .more), fewer = side(funnel, .fewer)
        if more.isEmpty && fewer.isEmpty {
            sentences.append("No team's share of inadequate audits over \(LeadersSummary.windowWords(report)) is further from the authority's "
                             + "than chance explains for its number of audits.")
        }
        if !more.isEmpty { sentences.append("More inadequate audits than chance explains for their number of audits: \(ReadableFigures.list(more)).") }
        if !fewer.isEmpty { sentences.append("Fewer inadequate audits than expected: \(ReadableFigures.list(fewer)).") }
        sentences.append(LeadersSummary.chanceFlags(count: funnel.teams.count, what: "team"))
        if let localities = report.localityFunnel.plot, localities.teams.count > 1 {
            let more = side(localities, .more), fewer = side(localities, .fewer)
            if more.isEmpty && fewer.isEmpty {
                sentences.append("No locality stands out: each of the \(localities.teams.count) is within the limits.")
            } else {
                var parts: [String] = []
                if !more.isEmpty { parts.append("more inadequate audits than expected in \(ReadableFigures.list(more))") }
                if !fewer.isEmpty { parts.append("fewer than expected in \(ReadableFigures.list(fewer))") }
                sentences.append("By locality: " + parts.joined(separator: "; ") + ".")
            }
        }
        return sentences
    }

    static func gettingBetter(_ report: HTMLReport) -> [String] {
        let travel = report.teamTravel
        guard let year = travel.year.rows.first(where: { $0.group.isAuthority }) else {
            return ["No audit counts in the 12 months to \(ReadableFigures.month(report.month))."]
        }
        func sentence(_ label: String, _ row: TrendReport.Row) -> String {
            "\(label): \(row.test.direction.rawValue) — \(FlagWords.meaning(row.test.direction))."
        }
        var sentences = [sentence("Over the 12 months to \(ReadableFigures.month(report.month))", year)]
        if let longer = travel.longer, let row = longer.rows.first(where: { $0.group.isAuthority }) {
            let months = longer.period.months.count
            sentences.append(sentence("Over the \(months) months \(ReadableFigures.months(longer.period.from, longer.period.to))", row))
            if let note = LeadersSummary.disagreement(year: year.test.direction, longer: row.test.direction, months: months) { sentences.append(note) }
        }
        return sentences
    }

    static func actions(_ report: HTMLReport, _ figures: PublicFigures) -> [String] {
        guard let actions = report.actions, let total = actions.total, let hidden = figures.actions?.total else {
            return ["No audit has raised an action yet."]
        }
        let n = { (value: Int, hide: Bool) in figures.count(value, hidden: hide) }
        return ["Of \(n(total.raised, hidden.raised)) actions audits have raised, \(n(total.open, hidden.open)) are open, "
                + "\(n(total.overdue, hidden.overdue)) of them overdue on \(ReadableFigures.date(actions.asOf)); "
                + "\(n(total.onTime, hidden.onTime)) were done by the due date and \(n(total.late, hidden.late)) late."]
    }

    static func weakest(_ report: HTMLReport, _ figures: PublicFigures) -> [String] {
        let weakest = report.weakest
        guard !weakest.ranked.isEmpty else {
            return ["No domain was graded in at least \(weakest.minimum) audits and graded requires improvement or inadequate: none is ranked."]
        }
        let hidden = Dictionary(figures.domains.map { ($0.row.domain, $0.hidden.shares) }, uniquingKeysWith: { $0 || $1 })
        let named = weakest.ranked.map { row in
            report.domainTitles.title(of: row.domain)
                + (hidden[row.domain] ?? true ? "" : " (\(ReadableFigures.percent(row.shareRIOrInadequate)) of \(row.audited) audits)")
        }
        return ["Of the domains graded in at least \(weakest.minimum) audits over \(LeadersSummary.windowWords(report)), those most often "
                + "graded requires improvement or inadequate: \(ReadableFigures.list(named))."]
    }
}

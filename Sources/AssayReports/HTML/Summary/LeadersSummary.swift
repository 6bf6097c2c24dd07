import AssayCore
import AssayStatistics

/// The first screen of the report: the three questions leaders and scrutiny ask every month
/// (how many of our cases are inadequate; which teams and localities stand out, both ways; is
/// it getting better), then whether the actions audits raise are done and where practice
/// falls short, each answered in a few plain sentences.
///
/// Every sentence is made from the same objects the page's tables print (`yearRates`, the
/// funnels, `DirectionOfTravel`, `ActionsReport`, `WeakestDomains`), so no sentence can say
/// what a table does not; no p-value or method name appears here (they are in the tables and
/// "About these figures"). Numbers follow `ReadableFigures`: whole percentages, counts under
/// ten audits.
struct LeadersSummary {
    /// One question and its answer, sentence by sentence (plain text; escaped when written).
    struct Answer {
        let id: String
        let question: String
        let sentences: [String]
    }

    /// The big figure at the top: the 12 months' weighted rate (or the counts, when few).
    struct Headline {
        let value: String
        let label: String
        let detail: String
    }

    let headline: Headline?
    let answers: [Answer]

    init(_ report: HTMLReport) {
        headline = Self.headline(report)
        answers = [Self.howMany(report), Self.standOut(report), Self.gettingBetter(report), Self.actions(report), Self.domains(report)]
    }

    /// The answer with this id.
    func answer(_ id: String) -> Answer? { answers.first { $0.id == id } }

    // MARK: The headline

    static func headline(_ report: HTMLReport) -> Headline? {
        guard let e = report.headline else { return nil }
        let period = "12 months to \(ReadableFigures.month(report.month))"
        guard e.audited >= ReadableFigures.countsBelow else {
            return Headline(value: "\(e.inadequate) of \(e.audited)", label: "audits judged inadequate, \(period)",
                            detail: "too few audits for a percentage")
        }
        return Headline(value: ReadableFigures.percent(e.rate), label: "of cases judged inadequate, \(period) (weighted estimate)",
                        detail: "most likely \(ReadableFigures.interval(e.ciLow, e.ciHigh)) · \(e.inadequate) of \(e.audited) audits judged inadequate")
    }

    // MARK: How many

    static func howMany(_ report: HTMLReport) -> Answer {
        let question = "How many of our cases are inadequate?"
        let toMonth = "the 12 months to \(ReadableFigures.month(report.month))"
        guard let e = report.headline else {
            return Answer(id: "how-many", question: question, sentences: ["No audit counts in \(toMonth)."])
        }
        var sentences: [String] = []
        if e.audited >= ReadableFigures.countsBelow {
            sentences.append("About \(ReadableFigures.percent(e.rate)) of the authority's cases were judged inadequate over \(toMonth) "
                             + "(most likely \(ReadableFigures.interval(e.ciLow, e.ciHigh))), from \(e.inadequate) inadequate of \(e.audited) audits.")
            sentences.append(weightedAgainstRaw(e))
            if let mix = report.yearWeights { sentences.append(mixedYear(mix, rate: e.rate)) }
        } else {
            sentences.append("\(e.inadequate) of \(e.audited) audits over \(toMonth) were judged inadequate: too few audits for a percentage.")
        }
        let name = ReadableFigures.month(report.month)
        if let m = report.rates.rows.first?.estimate {
            if m.audited >= ReadableFigures.countsBelow {
                var text = "\(name) on its own: \(m.inadequate) of \(m.audited) audits judged inadequate; weighted, "
                    + "\(ReadableFigures.percent(m.rate)) (most likely \(ReadableFigures.interval(m.ciLow, m.ciHigh))). "
                if e.audited >= ReadableFigures.countsBelow {
                    if e.rate >= m.ciLow && e.rate <= m.ciHigh {
                        text += "The year's \(ReadableFigures.percent(e.rate)) lies inside that range: one month's \(m.audited) audits "
                            + "cannot show that \(name) differs from the year."
                    } else if e.rate < m.ciLow {
                        text += "That range lies above the year's \(ReadableFigures.percent(e.rate)): a worse month than the year, worth a look."
                    } else {
                        text += "That range lies below the year's \(ReadableFigures.percent(e.rate)): a better month than the year."
                    }
                }
                sentences.append(text)
            } else {
                sentences.append("\(name) on its own: \(m.inadequate) of \(m.audited) audits judged inadequate, too few for a percentage.")
            }
        } else {
            sentences.append("No audit counts in \(name) itself yet.")
        }
        return Answer(id: "how-many", question: question, sentences: sentences)
    }

    /// Why the weighted rate is not k ÷ n, said wherever the two stand together.
    static func weightedAgainstRaw(_ e: RateEstimate) -> String {
        let raw = Double(e.inadequate) / Double(e.audited)
        let plain = "\(e.inadequate) ÷ \(e.audited) (\(ReadableFigures.percent(raw)))"
        let same = ReadableFigures.percent(raw) == ReadableFigures.percent(e.rate)
        return "The \(ReadableFigures.percent(e.rate)) is weighted for how cases were drawn: each audit stands for the open cases of the "
            + "team and locality it was drawn from, so it need not equal \(plain)"
            + (same ? ", though here the two round alike." : ".")
    }

    /// Why a first year of Assay's 12-month rate is mostly its drawn months': said whenever
    /// the 12 months mix imported history and drawn months.
    static func mixedYear(_ mix: WeightMix, rate: Double) -> String {
        let drawn = mix.drawnMonths.count, imported = mix.importedMonths.count
        let drawnNames = ReadableFigures.list(mix.drawnMonths.map(ReadableFigures.month))
        return "These 12 months mix \(ReadableFigures.count(imported, "month")) of audits imported from before Assay, each audit counting once, "
            + "with \(ReadableFigures.count(drawn, "month")) drawn by Assay, whose audits each stand for many open cases; so the drawn "
            + "\(drawn == 1 ? "month carries" : "months carry") \(ReadableFigures.percent(mix.drawnShare)) of the weight, and the "
            + "\(ReadableFigures.percent(rate)) is mostly \(drawnNames)'s. The plain count, and the charts and tests that use it, weigh every audit alike."
    }

    // MARK: Who stands out

    static func standOut(_ report: HTMLReport) -> Answer {
        let question = "Which teams and localities stand out?"
        guard let funnel = report.funnel else {
            return Answer(id: "stand-out", question: question, sentences: ["No team has audits in \(windowWords(report))."])
        }
        var sentences: [String] = []
        let authority = "the authority's \(report.funnelReport.inadequate) of \(report.funnelReport.audited) "
            + "(\(ReadableFigures.percent(funnel.target)))"
        let teams = funnel.teams
        let more = teams.filter { FlagWords.side(FlagWords.reading($0)) == .more }
        let fewer = teams.filter { FlagWords.side(FlagWords.reading($0)) == .fewer }
        func named(_ team: FunnelPlot.Team) -> String {
            team.audits >= ReadableFigures.countsBelow
                ? "\(team.label) (\(ReadableFigures.percent(team.rate)), \(team.inadequate) of \(team.audits))"
                : "\(team.label) (\(team.inadequate) of \(team.audits))"
        }
        if more.isEmpty && fewer.isEmpty {
            sentences.append("No team's share of inadequate audits over \(windowWords(report)) is further from \(authority) than chance "
                             + "explains for its number of audits.")
        } else {
            if !more.isEmpty {
                sentences.append("More inadequate audits than chance explains for their number of audits, over \(windowWords(report)) "
                                 + "against \(authority): \(ReadableFigures.list(more.map(named))).")
            }
            if !fewer.isEmpty {
                sentences.append("Fewer inadequate audits than expected: \(ReadableFigures.list(fewer.map(named))).")
            }
        }
        sentences.append(chanceFlags(count: teams.count, what: "team"))
        if funnel.inflationFactor != nil {
            sentences.append("The teams differ among themselves more than chance alone explains, so the limits are widened to allow for it.")
        }
        if let localities = report.localityFunnel.plot, localities.teams.count > 1 {
            let more = localities.teams.filter { FlagWords.side(FlagWords.reading($0)) == .more }
            let fewer = localities.teams.filter { FlagWords.side(FlagWords.reading($0)) == .fewer }
            if more.isEmpty && fewer.isEmpty {
                sentences.append("No locality stands out: each of the \(localities.teams.count) is within the limits.")
            } else {
                var parts: [String] = []
                if !more.isEmpty { parts.append("more inadequate audits than expected in \(ReadableFigures.list(more.map(named)))") }
                if !fewer.isEmpty { parts.append("fewer than expected in \(ReadableFigures.list(fewer.map(named)))") }
                sentences.append("By locality: " + parts.joined(separator: "; ") + ".")
            }
        }
        return Answer(id: "stand-out", question: question, sentences: sentences)
    }

    /// How many groups chance alone puts outside the 95% limits when all are alike: up to 1
    /// in 20 (`FunnelReport.expectedByChance`, whose note under the table says the same).
    static func chanceFlags(count: Int, what: String, plural: String? = nil) -> String {
        let many = plural ?? what + "s"
        return "Even if all \(count) \(many) were alike, chance alone would put up to 1 \(what) in 20 outside the 95% limits, "
            + "\(ReadableFigures.expected(Double(count) * 0.05)) of these \(count): so a \(what) outside them is a reason to look at "
            + "its cases, not a verdict."
    }

    static func windowWords(_ report: HTMLReport) -> String {
        "the \(report.window.months.count == 1 ? "month" : "\(report.window.months.count) months") to \(ReadableFigures.month(report.month))"
    }

    // MARK: Getting better

    static func gettingBetter(_ report: HTMLReport) -> Answer {
        let question = "Is it getting better?"
        var sentences: [String] = []
        let travel = report.teamTravel
        guard let year = travel.year.rows.first(where: { $0.group.isAuthority }) else {
            return Answer(id: "getting-better", question: question, sentences: ["No audit counts in the 12 months to \(ReadableFigures.month(report.month))."])
        }
        sentences.append(horizonSentence(year, period: travel.year.period, label: "Over the 12 months to \(ReadableFigures.month(report.month))"))
        if let longer = travel.longer, let row = longer.rows.first(where: { $0.group.isAuthority }) {
            let months = longer.period.months.count
            let label = travel.longerIsAllHistory
                ? "Over all \(months) months of history, \(ReadableFigures.months(longer.period.from, longer.period.to))"
                : "Over the \(months) months \(ReadableFigures.months(longer.period.from, longer.period.to))"
            sentences.append(horizonSentence(row, period: longer.period, label: label))
            if let note = disagreement(year: year.test.direction, longer: row.test.direction, months: months) { sentences.append(note) }
        } else {
            sentences.append("There is no history before these 12 months for a longer view.")
        }
        if let chart = report.processChart {
            let outside = chart.points.filter { ProcessChartSVG.signal($0) != .within }
            if outside.isEmpty {
                sentences.append("No month of \(windowWords(report)) was outside its control limits on the month-by-month chart: "
                                 + "no single month needs a special explanation.")
            } else {
                func named(_ points: [ProcessChart.Point]) -> String {
                    ReadableFigures.list(points.map { "\(ReadableFigures.month(HTMLReport.month(index: $0.month))) (\($0.inadequate) of \($0.audits))" })
                }
                let above = outside.filter { ProcessChartSVG.signal($0) == .above }, below = outside.filter { ProcessChartSVG.signal($0) == .below }
                if !above.isEmpty {
                    sentences.append("Above its control limits on the month-by-month chart: \(named(above)): more inadequate audits than a month "
                                     + "of that size explains; worth asking why.")
                }
                if !below.isEmpty {
                    sentences.append("Below its control limits: \(named(below)): fewer inadequate audits than a month of that size explains.")
                }
            }
        }
        return Answer(id: "getting-better", question: question, sentences: sentences)
    }

    /// "Over …: improving — the share … fell …, (x in the first six months, y in the last six)."
    static func horizonSentence(_ row: TrendReport.Row, period: ReportPeriod, label: String) -> String {
        let direction = row.test.direction
        let ends = row.ends(in: period)
        let length = TrendReport.Row.halfLength(of: period)
        func pooled(_ p: PooledMonths) -> String {
            p.audited == 0 ? "no audits" : ReadableFigures.share(p.inadequate, of: p.audited)
        }
        let seen = "\(pooled(ends.first)) of audits in the first \(ReadableFigures.words(length)) months "
            + "(\(ReadableFigures.shortMonths(ends.first.from, ends.first.to))), \(pooled(ends.last)) in the last "
            + "\(ReadableFigures.words(length)) (\(ReadableFigures.shortMonths(ends.last.from, ends.last.to)))"
        if row.test.pValue == nil {
            return "\(label): no clear change, and nothing to test (\(row.inadequate) of \(row.audited) audits judged inadequate)."
        }
        var text = "\(label): \(direction.rawValue) — \(FlagWords.meaning(direction)): \(seen)."
        // A trend test weighs every month; the two ends pooled can, rarely, point the other way.
        if let a = ends.first.rate, let b = ends.last.rate,
           (direction == .improving && b > a) || (direction == .worsening && b < a) {
            text += " The ends alone point the other way; the test weighs every month between them."
        }
        return text
    }

    /// A sentence when the two horizons read differently.
    static func disagreement(year: TrendTest.Direction, longer: TrendTest.Direction, months: Int) -> String? {
        switch (year, longer) {
        case (.noClearChange, .improving):
            "The longer view shows a fall that the last 12 months alone do not: it may have levelled off, or be too slow to show within a year."
        case (.noClearChange, .worsening):
            "The longer view shows a rise that the last 12 months alone do not: it may have levelled off, or be too slow to show within a year."
        case (.improving, .noClearChange):
            "The fall is recent: over \(months) months it is not yet a clear change."
        case (.worsening, .noClearChange):
            "The rise is recent: over \(months) months it is not yet a clear change."
        case (.improving, .worsening):
            "The last year has turned round a longer rise."
        case (.worsening, .improving):
            "The last year has turned back against a longer fall."
        default:
            nil
        }
    }

    // MARK: Actions

    static func actions(_ report: HTMLReport) -> Answer {
        let question = "Are the actions audits raise being done?"
        guard let actions = report.actions, let total = actions.total else {
            return Answer(id: "actions", question: question, sentences: ["No audit has raised an action yet."])
        }
        var sentences = ["Of \(ReadableFigures.count(total.raised, "action")) audits have raised, \(total.open) \(total.open == 1 ? "is" : "are") open, "
                         + "\(total.overdue) of them overdue on \(ReadableFigures.date(actions.asOf)); \(total.onTime) \(total.onTime == 1 ? "was" : "were") done "
                         + "by the due date and \(total.late) late" + (total.cancelled > 0 ? ", and \(total.cancelled) cancelled." : ".")]
        let overdueTeams = actions.teams.filter { $0.overdue > 0 }.sorted { ($1.overdue, $0.team.lowercased()) < ($0.overdue, $1.team.lowercased()) }
        if !overdueTeams.isEmpty {
            let shown = overdueTeams.prefix(3).map { "\($0.team) (\($0.overdue))" }
            sentences.append("Most overdue: \(ReadableFigures.list(Array(shown)))"
                             + (overdueTeams.count > 3 ? ", of \(overdueTeams.count) teams with overdue actions." : "."))
        }
        if let oldest = report.oldestOverdue.first {
            let which = oldest.pseudonym.map { "on case \($0) (\(oldest.team))" } ?? "in \(oldest.team)"
            sentences.append("The oldest overdue action, \(which), was due on \(ReadableFigures.date(oldest.due)): "
                             + "\(ReadableFigures.count(oldest.daysOverdue, "day")) ago.")
        }
        return Answer(id: "actions", question: question, sentences: sentences)
    }

    // MARK: Domains

    static func domains(_ report: HTMLReport) -> Answer {
        let question = "Where does practice fall short most often?"
        let weakest = report.weakest
        guard !report.domains.domains.isEmpty else {
            return Answer(id: "weakest", question: question, sentences: ["No audit in \(windowWords(report)) graded a domain."])
        }
        var sentences: [String] = []
        if weakest.ranked.isEmpty {
            sentences.append("No domain was graded in at least \(weakest.minimum) audits over \(windowWords(report)) and graded requires improvement "
                             + "or inadequate: none is ranked.")
        } else {
            let named = weakest.ranked.map { row in
                "\(report.domainTitles.title(of: row.domain)) (\(ReadableFigures.percent(row.shareRIOrInadequate)) of \(row.audited) audits)"
            }
            sentences.append("Of the domains graded in at least \(weakest.minimum) audits over \(windowWords(report)), those most often graded "
                             + "requires improvement or inadequate: \(ReadableFigures.list(named)).")
        }
        if !weakest.tooRarelyGraded.isEmpty {
            let n = weakest.tooRarelyGraded.count
            sentences.append("\(n) \(n == 1 ? "domain was" : "domains were") graded in fewer than \(weakest.minimum) audits, too few to rank; "
                             + "\(n == 1 ? "it is" : "they are") shown apart under Domains.")
        }
        return Answer(id: "weakest", question: question, sentences: sentences)
    }
}

import AssayCore
@testable import AssayReports
import AssayStatistics
import Foundation
import Testing

/// The first screen's sentences on an authority whose answers are known (`HTMLFixture`): an
/// improving authority, a team above the limits, one below, a thin domain; and no sentence
/// on the page contradicting a number on it.
@Suite struct HTMLSummaryTests {
    static let report = Result { try HTMLFixture.report() }
    static var page: String { (try? report.get().render(produced: "2026-12-03", chainHead: "7:abc", authority: "Fixture Council")) ?? "" }

    @Test func theHeadlineIsTheTwelveMonthsWeightedRateWithItsIntervalInWordsAndItsCounts() throws {
        let report = try Self.report.get()
        let year = try #require(report.headline)
        // Twelve months (December 2025 to November 2026) of ten teams, six audits each a month.
        #expect(year.audited == 720)
        #expect(report.year == (try ReportPeriod(from: Month("2025-12")!, to: HTMLFixture.november)))
        let summary = LeadersSummary(report)
        let headline = try #require(summary.headline)
        #expect(headline.value == ReadableFigures.percent(year.rate))
        #expect(headline.detail.contains("most likely from \(ReadableFigures.percent(year.ciLow)) to \(ReadableFigures.percent(year.ciHigh))"))
        #expect(headline.detail.contains("\(year.inadequate) of 720 audits"))
        let howMany = try #require(PageText.answer("how-many", in: Self.page))
        #expect(howMany.contains("About \(ReadableFigures.percent(year.rate)) of the authority's cases were judged inadequate over the 12 months to November 2026"))
        #expect(!howMany.contains("p ="), "no p-value on the first screen")
        // Weighted and raw side by side: a sentence says why they differ, and the year mixes
        // history with a drawn month, which is said too.
        #expect(howMany.contains("is weighted for how cases were drawn"))
        #expect(howMany.contains("\(year.inadequate) ÷ 720"))
        #expect(howMany.contains("These 12 months mix 11 months of audits imported from before Assay"))
        // The latest month in context, its counts too.
        let month = try #require(report.rates.rows.first?.estimate)
        #expect(howMany.contains("November 2026 on its own: \(month.inadequate) of 60 audits judged inadequate"))
    }

    @Test func theTeamAboveAndTheTeamBelowAreNamedApartWithTheExpectedChanceFlags() throws {
        let report = try Self.report.get()
        let funnel = try #require(report.funnel)
        let harbour = try #require(funnel.teams.first { $0.label == "Harbour" })
        let meadow = try #require(funnel.teams.first { $0.label == "Meadow" })
        #expect(FlagWords.side(FlagWords.reading(harbour)) == .more)
        #expect(FlagWords.side(FlagWords.reading(meadow)) == .fewer)
        let text = try #require(PageText.answer("stand-out", in: Self.page))
        // Harbour: 3 of 6 a month for 12 months; Meadow: none of 72.
        #expect(text.contains("More inadequate audits than chance explains for their number of audits"))
        #expect(text.contains("Harbour (50%, 36 of 72)"))
        #expect(text.contains("Fewer inadequate audits than expected: Meadow (0%, 0 of 72)."))
        let more = try #require(text.range(of: "More inadequate")), fewer = try #require(text.range(of: "Fewer inadequate"))
        #expect(text[more.lowerBound..<fewer.lowerBound].contains("Harbour") && !text[more.lowerBound..<fewer.lowerBound].contains("Meadow"))
        // Ten teams: 10 × 1 in 20 = 0.5 expected by chance, as the funnel table's note says too.
        #expect(report.funnel?.inflationFactor == nil, "the eight teams alike: not over-dispersed")
        #expect(text.contains("Even if all 10 teams were alike, chance alone would put up to 1 team in 20 outside the 95% limits, about 0.5 of these 10"))
        #expect(report.funnelReport.chanceNote.contains("of these 10 teams, about 0.5 and"))
        // On the chart: a filled triangle up for Harbour, a hollow one down for Meadow.
        let chart = try #require(PageText.text(of: Self.page, from: "id=\"team-funnel\"", to: "</svg>").map { _ in
            Self.page.components(separatedBy: "id=\"team-funnel\"")[1].components(separatedBy: "</svg>")[0]
        })
        #expect(chart.contains("class=\"team-point more\"><title>1. Harbour"))
        #expect(chart.contains("class=\"team-point fewer\"><title>2. Meadow"))
        // And in the table, in words with the chart's marks.
        #expect(PageText.row("Harbour", ofTable: "funnel-table", in: Self.page)?.last?.hasPrefix("▲ more than expected") == true)
        #expect(PageText.row("Meadow", ofTable: "funnel-table", in: Self.page)?.last?.hasPrefix("▼ fewer than expected") == true)
    }

    @Test func anImprovingAuthorityIsSaidSoOverTheLongerHorizonWithWhatTheTestSaw() throws {
        let report = try Self.report.get()
        let longer = try #require(report.teamTravel.longer)
        #expect(longer.period.months.count == 36)
        let authority = try #require(longer.rows.first { $0.group.isAuthority })
        #expect(authority.test.direction == .improving)
        let text = try #require(PageText.answer("getting-better", in: Self.page))
        #expect(text.contains("Over the 36 months December 2023 to November 2026: improving"))
        // What the test saw: the first six months pooled (eight teams 2 of 6 each, Harbour 3
        // of 6: 19 of 60 a month, 114 of 360) and the last six.
        let ends = authority.ends(in: longer.period)
        #expect(ends.first.inadequate == 114 && ends.first.audited == 360)
        #expect(text.contains("32% (114 of 360) of audits in the first six months (Dec 2023 to May 2024)"))
        #expect(text.contains("\(ReadableFigures.share(ends.last.inadequate, of: ends.last.audited)) in the last six (Jun 2026 to Nov 2026)"))
        // The 12-month horizon is said too, and what "no clear change" or "improving" means.
        let year = try #require(report.teamTravel.year.rows.first { $0.group.isAuthority })
        #expect(text.contains("Over the 12 months to November 2026: \(year.test.direction.rawValue) — \(FlagWords.meaning(year.test.direction))"))
        if year.test.direction == .noClearChange {
            #expect(text.contains("The longer view shows a fall that the last 12 months alone do not"))
        }
        #expect(!text.contains("Cochran"), "method names stay out of the first screen")
    }

    @Test func aThinDomainIsNeverNamedAmongTheWeakestAndItsCellIsMarked() throws {
        let report = try Self.report.get()
        // pathway: 3 audits, all inadequate (100%), beyond anything else, and too rarely graded.
        #expect(report.domains.authority["pathway"] == .init(graded: 3, belowGood: 3))
        #expect(report.weakest.ranked.map(\.domain) == ["risk", "voice"])
        #expect(report.weakest.tooRarelyGraded.map(\.domain) == ["pathway"])
        let text = try #require(PageText.answer("weakest", in: Self.page))
        #expect(text.contains("Of the domains graded in at least 50 audits"))
        #expect(text.contains("Risk and safety") && text.contains("The child's voice"))
        #expect(!text.contains("Pathway planning (") && text.contains("1 domain was graded in fewer than 50 audits, too few to rank"))
        #expect(!text.contains("pathway") && !text.contains(" risk ("), "domains by their titles, never their ids")
        // The heat map: Meadow's pathway cell prints its count and is marked thin, not shaded.
        let meadow = Self.page.components(separatedBy: "<th scope=\"row\" class=\"domain\">Pathway planning</th>")[1].components(separatedBy: "</tr>")[0]
        #expect(meadow.contains("<td class=\"cell thin\">3<span class=\"n\">of 3*</span></td>"))
        #expect(PageText.row("Pathway planning", ofTable: "domains-table", in: Self.page)?.last == "too rarely graded to rank")
    }

    @Test func noSentenceContradictsANumberOnThePage() throws {
        let report = try Self.report.get()
        let page = Self.page
        // The headline's rate and counts are the 12 months' table's authority row.
        let year = try #require(PageText.row("Authority", ofTable: "year-rates-table", in: page))
        let headline = try #require(PageText.text(of: page, from: "<div class=\"headline\" id=\"headline\">", to: "</div>"))
        #expect(headline.hasPrefix(year[3] + " "), "headline \(headline) against the table's \(year)")
        #expect(headline.contains("\(year[2]) of \(year[1]) audits"))
        #expect(headline.contains("most likely from \(year[4].replacingOccurrences(of: " to ", with: " to "))"))
        // Every team the summary names, with its counts, is that team's row of the funnel
        // table, and on the side the table reads.
        let standOut = try #require(PageText.answer("stand-out", in: page))
        for row in PageText.rows(ofTable: "funnel-table", in: page) {
            let (team, audits, inadequate, reading) = (row[0], row[2], row[3], row[7])
            let named = standOut.contains("\(team) (")
            #expect(named == (reading != "within"), "\(team) is named in the summary exactly when the table flags it")
            if named {
                #expect(standOut.contains(", \(inadequate) of \(audits))"), "\(team)'s counts")
            }
        }
        // The direction in words is the trend table's, for both horizons.
        let travel = try #require(PageText.row("Authority", ofTable: "trend-table", in: page))
        let better = try #require(PageText.answer("getting-better", in: page))
        let readings = [travel[3], travel[8]].map { $0.replacingOccurrences(of: "▼ ", with: "").replacingOccurrences(of: "▲ ", with: "") }
        #expect(better.contains("Over the 12 months to November 2026: \(readings[0])"))
        #expect(better.contains("December 2023 to November 2026: \(readings[1])"))
        #expect(better.contains(travel[1] + " of audits in the first six months"))
        // The month-by-month chart: the sentence and the table agree on which months are outside.
        let outside = PageText.rows(ofTable: "p-chart-table", in: page).filter { $0[5] != "within" }
        #expect(better.contains("No month of the 12 months to November 2026 was outside its control limits") == outside.isEmpty)
        // The weakest domains the summary names are the table's ranks 1 and 2.
        let weakest = try #require(PageText.answer("weakest", in: page))
        for row in PageText.rows(ofTable: "domains-table", in: page) where ["1", "2", "3"].contains(row[6]) {
            #expect(weakest.contains("\(row[0]) (\(row[4]) of \(row[1]) audits)"))
        }
        // The month's figures are the month table's authority row.
        let month = try #require(PageText.row("Authority", ofTable: "rates-table", in: page))
        #expect(try #require(PageText.answer("how-many", in: page)).contains("November 2026 on its own: \(month[2]) of \(month[1]) audits"))
        #expect(report.rates.rows.first?.estimate.audited == 60)
    }

    @Test func aMonthAboveItsControlLimitsIsNamedAsTheChartAndItsTableShowIt() throws {
        // Six months of 50 audits, 5 inadequate each, then November with 25 of 50.
        var audits: [ReportedAudit] = []
        for (i, month) in ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"].enumerated() {
            let bad = i == 5 ? 25 : 5
            for k in 0..<50 {
                audits.append(ReportedAudit(month: Month(month)!, team: k % 2 == 0 ? "Alder" : "Birch", locality: "North", service: .childInNeed,
                                            overall: k < bad ? .inadequate : .good, origin: .imported))
            }
        }
        let report = try HTMLReport(audits: audits, month: HTMLFixture.november, months: 6)
        let page = report.render()
        let text = try #require(PageText.answer("getting-better", in: page))
        #expect(text.contains("Above its control limits on the month-by-month chart: November 2026 (25 of 50): more inadequate audits than a month of that size explains"))
        #expect(!text.contains("No month of"))
        #expect(PageText.row("Nov 2026", ofTable: "p-chart-table", in: page)?[5] == "▲ above the limits")
        #expect(PageText.row("Oct 2026", ofTable: "p-chart-table", in: page)?[5] == "within")
    }

    @Test func smallNumbersAreCountsAndPercentagesAreWhole() throws {
        // Alder has three audits in the month: "1 of 3", never a percentage.
        let audits = HTMLReportTests.audits()
        let report = try HTMLReport(audits: audits, month: HTMLReportTests.november, months: 3)
        let page = report.render()
        let alder = try #require(PageText.row("Alder", ofTable: "rates-table", in: page))
        #expect(alder[3] == "1 of 3")
        #expect(!page.contains("33.3%") && !page.contains("36.6%"))
        // No percentage on the page carries a decimal outside the method notes' figures.
        let text = PageText.plain(page.components(separatedBy: "<body>")[1])
        let decimals = text.matches(of: /\d+\.\d+%/).map { String($0.output) }.filter { $0 != "99.8%" }
        #expect(decimals.isEmpty, "\(decimals)")
        #expect(ReadableFigures.share(1, of: 3) == "1 of 3")
        #expect(ReadableFigures.share(12, of: 37) == "32% (12 of 37)")
        #expect(ReadableFigures.percent(0.004) == "under 1%" && ReadableFigures.percent(0.996) == "over 99%")
        #expect(ReadableFigures.interval(0.0004, 0.29) == "from under 1% to 29%")
    }
}

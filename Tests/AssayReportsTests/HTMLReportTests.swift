import AssayCore
@testable import AssayReports
import AssayStatistics
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The HTML report on audits built by hand: text is escaped, every section, chart and
/// table is there, each SVG is well-formed XML on its own, the page fetches nothing and
/// runs nothing, and each team's chart is the month-by-month estimate of the design. The
/// summary's sentences are tested in `HTMLSummaryTests`, layout and print in `HTMLLayoutTests`.
@Suite struct HTMLReportTests {
    static let november = Month("2026-11")!
    static let awkward = "Children & Families <East> \"A\" 'B'"

    /// Three months: imported history in 2026-09 and 2026-10, a draw in 2026-11; two teams,
    /// one with an awkward name, with domain grades.
    static func audits() -> [ReportedAudit] {
        func audit(_ month: String, _ team: String, _ grade: Grade, origin: ReportedAudit.Origin = .imported,
                   domains: [String: Grade] = ["voice": .good, "risk": .requiresImprovement]) -> ReportedAudit {
            ReportedAudit(month: Month(month)!, team: team, locality: "North", service: .childInNeed, overall: grade,
                          origin: origin, domainGrades: domains)
        }
        let drawnA = ReportedAudit.Origin.drawn(drawID: 1, position: 0, population: 12)
        let drawnB = ReportedAudit.Origin.drawn(drawID: 1, position: 1, population: 5)
        return [
            audit("2026-09", "Alder", .inadequate), audit("2026-09", "Alder", .good), audit("2026-09", awkward, .good),
            audit("2026-10", "Alder", .requiresImprovement), audit("2026-10", awkward, .inadequate, domains: ["voice": .inadequate]),
            audit("2026-11", "Alder", .inadequate, origin: drawnA), audit("2026-11", "Alder", .good, origin: drawnA),
            audit("2026-11", "Alder", .good, origin: drawnA, domains: [:]),
            audit("2026-11", awkward, .good, origin: drawnB), audit("2026-11", awkward, .requiresImprovement, origin: drawnB),
        ]
    }

    static func report(_ audits: [ReportedAudit] = audits(), months: Int = 3) throws -> HTMLReport {
        try HTMLReport(audits: audits, month: november, months: months)
    }

    /// Every `<svg …>…</svg>` of the page, in order.
    static func drawings(_ page: String) -> [String] {
        var out: [String] = []
        var rest = page[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func textIsEscapedForHTML() {
        #expect(HTML.escape(Self.awkward) == "Children &amp; Families &lt;East&gt; &quot;A&quot; &#39;B&#39;")
        #expect(HTML.escape("plain — ü") == "plain — ü")
    }

    @Test func anAwkwardTeamNameIsEscapedEverywhere() throws {
        let page = try Self.report().render(produced: "2026-12-03")
        #expect(!page.contains("<East>"))
        #expect(!page.contains("Families <"))
        #expect(page.contains("Children &amp; Families &lt;East&gt; &quot;A&quot; &#39;B&#39;"))
        // Every & in the page starts an entity.
        let ampersands = page.components(separatedBy: "&").dropFirst()
        #expect(ampersands.allSatisfy { rest in ["amp;", "lt;", "gt;", "quot;", "#39;"].contains { rest.hasPrefix($0) } })
    }

    @Test func everySectionChartAndTableIsThere() throws {
        let report = try Self.report()
        let page = report.render(produced: "2026-12-03")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        for id in ["summary", "about", "teams", "localities", "travel", "domains", "actions", "month"] {
            #expect(page.contains("<section id=\"\(id)\""), "section \(id)")
        }
        #expect(Self.count("class=\"chart team-chart\"", in: page) == 2)
        #expect(page.contains("data-team=\"Alder\""))
        for id in ["team-funnel", "authority-months-chart"] {
            #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\""), "chart \(id)")
        }
        #expect(!page.contains("id=\"locality-funnel\""), "one locality: nothing to compare")
        #expect(report.tableIDs == ["funnel-table", "team-months-table", "year-rates-table", "locality-rates-table", "locality-travel-table",
                                    "p-chart-table", "trend-table", "domain-heat-map", "domains-table", "rates-table"])
        for id in report.tableIDs {
            #expect(page.contains("<table id=\"\(id)\""), "table \(id)")
        }
        #expect(report.contents == ["summary", "2 team charts", "team funnel plot", "month-by-month chart", "domain heat map (2 domains)", "10 tables"])
        #expect(page.contains("Produced by Assay on 2026-12-03."))
        #expect(page.contains("<h1>Case audit report: November 2026</h1>"))
    }

    @Test func everyDrawingIsWellFormedXMLOnItsOwn() throws {
        let page = try Self.report().render()
        let drawings = Self.drawings(page)
        #expect(drawings.count == 4)  // two teams, the team funnel, the month-by-month chart
        for drawing in drawings {
            let parser = XMLParser(data: Data(drawing.utf8))
            let root = RootElement()
            parser.delegate = root
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") in \(drawing.prefix(200))")
            #expect(root.name == "svg")
            #expect(root.hasTitle, "each drawing names itself for screen readers")
        }
    }

    @Test func thePageIsSelfContainedAndPrintsOnA4() throws {
        let page = try Self.report().render()
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("src="))
        #expect(!page.contains("<link"))
        #expect(!page.contains("url(http"))
        // The only address is the SVG namespace, which names and never fetches.
        #expect(page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "https?://", options: .regularExpression) == nil)
        #expect(page.contains("size: A4;"))
        #expect(page.contains("figure { margin: 0 0 4mm; break-inside: avoid; }"))
        #expect(page.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"))
    }

    @Test func eachTeamChartIsTheMonthByMonthEstimateOfItsDesign() throws {
        let audits = Self.audits()
        let report = try Self.report(audits)
        #expect(report.window.months.map(\.description) == ["2026-09", "2026-10", "2026-11"])
        #expect(report.teams.map(\.team) == ["Alder", Self.awkward])
        let alder = try #require(report.teams.first)
        for point in alder.points {
            let design = try ReportDesign(audits.filter { $0.month == point.month })
            let expected = try design.estimates(by: .team)[ReportGroup(values: [.init(field: "team", value: "Alder")])]
            #expect(point.estimate == expected, "\(point.month)")
        }
        // November is drawn: weighted by the draw (every Alder audit stands for 12 / 3 = 4 cases), 1 of 3.
        #expect(alder.points.last?.estimate?.inadequate == 1 && alder.points.last?.estimate?.audited == 3)
        #expect(report.rates.period == ReportPeriod(month: Self.november))
        #expect(report.rates.rows.first?.estimate.audited == 5)
        #expect(report.audited == 10)
    }

    @Test func monthsWithoutAuditsAreGapsAndHistoryIsFootnoted() throws {
        let report = try Self.report(months: 5)
        #expect(report.window.from == Month("2026-07"))
        #expect(report.teams.first?.points.prefix(2).allSatisfy { $0.estimate == nil } == true)
        #expect(report.processChart?.points.count == 3)
        #expect(report.includesHistory)
        #expect(report.footnotes.contains { $0.contains("imported from before Assay (2026-09 to 2026-10 in the window)") })
        #expect(report.render().contains("imported from before Assay"))
    }

    @Test func theFunnelAndHeatMapAreTheReportsOfTheWindow() throws {
        let audits = Self.audits()
        let report = try Self.report(audits)
        let funnel = try FunnelReport(audits: audits, period: report.window, grouping: .team)
        #expect(report.funnel == funnel.plot)
        #expect(report.funnel?.teams.map(\.audits) == [6, 4])
        // voice: Alder's 5 graded good (one audit graded no domain); the awkward team's 4, one inadequate.
        #expect(report.domains.cell(team: "Alder", domain: "voice") == .init(graded: 5, belowGood: 0))
        #expect(report.domains.cell(team: Self.awkward, domain: "voice") == .init(graded: 4, belowGood: 1))
        #expect(report.domains.authority["risk"] == .init(graded: 8, belowGood: 8))
        #expect(report.domains.domains == ["risk", "voice"])
    }

    @Test func withoutDomainGradesThereIsNoHeatMapButThePageStillRenders() throws {
        let audits = Self.audits().map {
            ReportedAudit(month: $0.month, team: $0.team, locality: $0.locality, service: $0.service, overall: $0.overall, origin: $0.origin)
        }
        let report = try Self.report(audits)
        let page = report.render()
        #expect(!page.contains("id=\"domain-heat-map\""))
        #expect(page.contains("No audit in September 2026 to November 2026 graded a domain."))
        #expect(!report.tableIDs.contains("domains-table"))
        #expect(Self.drawings(page).count == 4)
    }

    @Test func colourRampRunsLightToDark() {
        #expect(HeatScale.colour(0) == "#fff5f0")
        #expect(HeatScale.colour(1) == "#67000d")
        #expect(HeatScale.colour(0.5) == "#fb6a4a")
    }

    @Test func scalesTickAtRoundNumbers() {
        #expect(LinearScale(domain: 0, 1, range: 0, 100).ticks(4) == [0, 0.25, 0.5, 0.75, 1])
        #expect(LinearScale(domain: 0, 40, range: 0, 100).ticks(8) == [0, 5, 10, 15, 20, 25, 30, 35, 40])
        #expect(SVG.n(12.0) == "12" && SVG.n(3.14159) == "3.1")
    }
}

/// Records the root element's name and whether a `<title>` is among its children.
private final class RootElement: NSObject, XMLParserDelegate {
    var name: String?
    var hasTitle = false
    private var depth = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if depth == 0 { name = elementName }
        if depth == 1 && elementName == "title" { hasTitle = true }
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }
}

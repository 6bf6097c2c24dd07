import Foundation
import Testing

/// `report html --out FILE` through the built binary (`ReportHTMLWorkspace`), then the page
/// as its readers get it, in headless Chromium: laid out at 390 and 1280 pixels (the page
/// never scrolls sideways), printed on A4 and read back (page numbers, the running header,
/// no screen-only words, no near-empty last page), its markup checked by an HTML5 parser
/// (no error, no duplicate id), and the summary's sentences against what the data say.
///
/// Chromium, poppler-utils and python3-html5lib are not optional: without them the tests fail
/// and say to run Scripts/setup.
@Suite(.serialized) struct ReportHTMLTests {
    let workspace: ReportHTMLWorkspace
    static let teams = ReportHTMLWorkspace.teams

    init() throws { workspace = try ReportHTMLWorkspace() }

    func write() throws -> (path: String, html: String, stdout: String) {
        let result = try workspace.run(["report", "html", "--months", "12", "--authority", "Northmoor & Southdale Council", "--out", "report.html"])
        try #require(result.status == 0, "\(result.stderr)")
        let path = workspace.file("report.html")
        return (path, try String(contentsOfFile: path, encoding: .utf8), result.stdout)
    }

    @Test func writesAPrivateSelfContainedReportThatNamesNoCase() throws {
        let (path, html, stdout) = try write()
        #expect(stdout.hasPrefix("Wrote report.html ("))
        #expect(stdout.contains("the report for 2026-11 with 12 months (2025-12 to 2026-11), 108 audits, 4 teams."))
        #expect(stdout.contains("It holds: summary, 4 team charts, team funnel plot, locality funnel plot, month-by-month chart, domain heat map (2 domains),"))
        #expect(stdout.contains("imported from before Assay (2026-05 to 2026-10"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!html.contains("CASE-") && !html.contains("PAST-"), "the report is aggregate: no case id")
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("<h1>Northmoor &amp; Southdale Council: Case audit report: November 2026</h1>"))
    }

    @Test func theSummaryNamesTheTeamThatStandsOutInPlainWords() throws {
        let (_, html, _) = try write()
        let summary = html.components(separatedBy: "<section id=\"summary\">")[1].components(separatedBy: "</section>")[0]
        let standOut = summary.components(separatedBy: "id=\"answer-stand-out\">")[1].components(separatedBy: "</div>")[0]
        // Beta: half its history and all three November audits inadequate.
        #expect(standOut.contains("More inadequate audits than chance explains for their number of audits"))
        #expect(standOut.contains("Beta ("))
        for team in ["Alpha", "Gamma &amp; Delta", "Epsilon North"] { #expect(!standOut.contains(team + " ("), "\(team)") }
        #expect(summary.contains("Is it getting better?") && summary.contains("Over the 12 months to November 2026:"))
        #expect(summary.contains("There is no history before these 12 months for a longer view."))
        for word in ["p =", "Cochran", "Korn", "Spiegelhalter", "χ²"] {
            let answers = summary.components(separatedBy: "id=\"reading-guide\"")[0]
            #expect(!answers.contains(word), "no method or p-value among the answers: \(word)")
        }
    }

    @Test func chromiumLaysItOutAt390And1280WithoutSidewaysScrolling() throws {
        let (path, _, _) = try write()
        let chromium = try #require(ReportHTMLBrowser.chromium(), "chromium is not installed: run Scripts/setup")
        let profile = workspace.file("chromium-profile")
        // The DOM Chromium builds from the file: every chart and table there.
        let dom = try ReportHTMLBrowser.tool(chromium, ReportHTMLBrowser.chromiumFlags(profile) + ["--dump-dom", "file://" + path])
        try #require(dom.status == 0, "chromium --dump-dom failed: \(dom.stderr.suffix(2000))")
        let page = dom.stdout
        #expect(ReportHTMLWorkspace.count("class=\"chart team-chart\"", in: page) == Self.teams.count)
        for id in ["team-funnel", "locality-funnel", "authority-months-chart"] {
            #expect(page.contains("id=\"\(id)\""), "chart \(id)")
        }
        for id in ["funnel-table", "team-months-table", "year-rates-table", "locality-funnel-table", "locality-rates-table",
                   "locality-travel-table", "p-chart-table", "trend-table", "domain-heat-map", "domains-table", "rates-table"] {
            #expect(page.contains("<table id=\"\(id)\""), "table \(id)")
        }
        // Laid out at a phone's 390 pixels and a desktop's 1280: the page is never wider than
        // the screen (wide tables and charts scroll inside their own boxes).
        let harness = workspace.file("widths.html")
        try ReportHTMLBrowser.widthHarness(report: path, copy: workspace.file("measured.html"), widths: [390, 1280])
            .write(toFile: harness, atomically: true, encoding: .utf8)
        let measured = try ReportHTMLBrowser.tool(chromium, ReportHTMLBrowser.chromiumFlags(profile)
            + ["--window-size=1400,1000", "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", "file://" + harness])
        try #require(measured.status == 0, "chromium: \(measured.stderr.suffix(2000))")
        let widths = measured.stdout.matches(of: /<p class="measured">(\d+):(\d+)<\/p>/).map { (viewport: Int($0.output.1)!, page: Int($0.output.2)!) }
        #expect(Set(widths.map(\.viewport)) == [390, 1280], "both widths measured: \(measured.stdout.suffix(500))")
        for width in widths {
            #expect(width.page <= width.viewport, "at \(width.viewport) px the page is \(width.page) px wide")
        }
    }

    @Test func printedOnA4WithPageNumbersARunningHeaderAndNoScreenOnlyWords() throws {
        let (path, _, stdout) = try write()
        let chromium = try #require(ReportHTMLBrowser.chromium(), "chromium is not installed: run Scripts/setup")
        let pdftotext = try #require(ReportHTMLBrowser.executable("pdftotext"), "pdftotext is not installed: run Scripts/setup (poppler-utils)")
        let pdfinfo = try #require(ReportHTMLBrowser.executable("pdfinfo"), "pdfinfo is not installed: run Scripts/setup (poppler-utils)")
        let pdf = workspace.file("report.pdf")
        let print = try ReportHTMLBrowser.tool(chromium, ReportHTMLBrowser.chromiumFlags(workspace.file("chromium-profile"))
            + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + path])
        try #require(print.status == 0, "chromium --print-to-pdf failed: \(print.stderr.suffix(2000))")
        let info = try ReportHTMLBrowser.tool(pdfinfo, [pdf])
        #expect(info.stdout.contains("(A4)"), "printed on A4: \(info.stdout)")
        let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        #expect(pages >= 3)
        let head = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("Audit log head ") }.map { String($0.split(separator: " ")[3]) })
        for page in 1...pages {
            let text = try ReportHTMLBrowser.tool(pdftotext, ["-layout", "-f", "\(page)", "-l", "\(page)", pdf, "-"]).stdout
            let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.contains("Page \(page) of \(pages)"), "page \(page) numbered")
            #expect(words.contains("Northmoor & Southdale Council · Case audit report, 12 months to November 2026"), "page \(page)'s running header")
            #expect(words.contains("Audit log head \(head)"), "page \(page)'s running footer: the chain head")
            #expect(!words.lowercased().contains("hover"), "page \(page) says hover")
            // Not nearly empty: a page holds a good deal more than its running header and footer.
            let lines = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(lines.count >= 15, "page \(page) of \(pages) holds \(lines.count) lines")
        }
        let all = try ReportHTMLBrowser.tool(pdftotext, ["-layout", pdf, "-"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for team in Self.teams { #expect(all.contains(team), "the printed report names \(team)") }
        for heading in ["Summary", "Teams: who stands out", "Localities", "Direction of travel", "Domains: where practice falls short",
                        "Actions: are they done?", "The month by team", "About these figures"] {
            #expect(all.contains(heading), "\(heading)")
        }
    }

    @Test func theMarkupIsValidHTML5WithUniqueIds() throws {
        let (path, _, _) = try write()
        let python = try #require(try ReportHTMLBrowser.pythonWithHTML5Lib(), "python3 with html5lib is not installed: run Scripts/setup (python3-html5lib)")
        let result = try ReportHTMLBrowser.tool(python, ["-c", ReportHTMLBrowser.validator, path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "html5lib: \(result.stdout)")
    }

    @Test func refusesAWindowWithoutAuditsAndWritesNothing() throws {
        let result = try workspace.run(["report", "html", "--month", "2024-01", "--months", "3", "--out", "empty.html"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no audits to report in 2023-11 to 2024-01"))
        #expect(!FileManager.default.fileExists(atPath: workspace.file("empty.html")))
        let missing = try workspace.run(["report", "html"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--out"))
        // A terminal control in the authority's name is refused before anything is written.
        let control = try workspace.run(["report", "html", "--authority", "Bad\u{1B}[31m", "--out", "x.html"])
        #expect(control.status != 0 && control.stderr.contains("escape character"))
        #expect(!FileManager.default.fileExists(atPath: workspace.file("x.html")))
    }
}

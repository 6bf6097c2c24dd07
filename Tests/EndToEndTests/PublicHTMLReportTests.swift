import Foundation
import Testing

/// `report html --public` (issue 17, item 9): the page for a committee's published agenda.
/// On ReportHTMLWorkspace's database (four teams, four audits a team a month before November)
/// no table cell and no sentence shows a count from 1 to 4, no team's hidden count comes back
/// as the authority's less the others', the page says what it hides and leaves out, and it
/// is valid HTML5 that prints on A4 with the same running header and page numbers.
@Suite(.serialized) struct PublicHTMLReportTests {
    let workspace: ReportHTMLWorkspace

    init() throws { workspace = try ReportHTMLWorkspace() }

    func write(_ extra: [String] = []) throws -> (path: String, html: String, stdout: String) {
        let result = try workspace.run(["report", "html", "--months", "12", "--authority", "Northmoor & Southdale Council",
                                        "--out", "public.html", "--public"] + extra)
        try #require(result.status == 0, "\(result.stderr)")
        let path = workspace.file("public.html")
        return (path, try String(contentsOfFile: path, encoding: .utf8), result.stdout)
    }

    /// The page's text as a reader sees it: tags dropped, entities of the escapes undone.
    static func text(_ html: String) -> String {
        let body = html.components(separatedBy: "<body").last ?? html
        return body.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The cells of one table, row by row.
    static func rows(ofTable id: String, in html: String) -> [[String]] {
        guard let start = html.range(of: "<table id=\"\(id)\">"), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return [] }
        let table = String(html[start.upperBound..<end.lowerBound])
        return table.components(separatedBy: "<tr").dropFirst().map { row in
            row.components(separatedBy: "</t").dropLast().map { cell in
                (cell.components(separatedBy: ">").last ?? "").replacingOccurrences(of: "&amp;", with: "&")
            }
        }
    }

    @Test func noCountUnderFiveInAnyCellOrSentenceAndNoneComesBack() throws {
        let unsuppressed = try workspace.run(["report", "html", "--months", "12", "--out", "full.html"])
        try #require(unsuppressed.status == 0, "\(unsuppressed.stderr)")
        let full = try String(contentsOfFile: workspace.file("full.html"), encoding: .utf8)
        #expect(full.contains(" of 4"), "the full page has small counts for the test to find")
        let (_, html, stdout) = try write()
        #expect(stdout.contains("It is the public version"))
        let text = Self.text(html)
        #expect(text.contains("counts of 1 to 4 are shown as [c]"))
        #expect(text.contains("Left out of this version: the charts"))
        #expect(!html.contains("<svg"), "no chart in the public version")
        // No sentence says "k of n" or "k inadequate" with k from 1 to 4.
        #expect(text.range(of: #"(^|[^0-9.,])[1-4] (inadequate )?of "#, options: .regularExpression) == nil, "\(text)")
        // No table cell holds a count from 1 to 4.
        let cells = html.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.output.1) }
        #expect(!cells.isEmpty)
        #expect(cells.filter { Int($0).map { 1 <= $0 && $0 < 5 } ?? false }.isEmpty, "\(cells)")
        #expect(cells.contains("[c]"))
        // The teams' 12 months: never one hidden team beside a shown authority figure.
        let teams = Self.rows(ofTable: "year-rates-table", in: html).dropFirst()  // the header row
        let authority = try #require(teams.first { $0.first == "Authority" })
        for column in [1, 2] where authority[column] != "[c]" {
            #expect(teams.filter { $0.first != "Authority" && $0[column] == "[c]" }.count != 1, "column \(column): \(teams)")
        }
        // Where teams stand is said in words, with no counts: Beta has more than expected.
        #expect(text.contains("More inadequate audits than chance explains for their number of audits: Beta."))
    }

    @Test func aHigherThresholdHidesMoreAndTheMarkupIsValid() throws {
        let (path, html, _) = try write(["--suppress-below", "20"])
        #expect(Self.text(html).contains("counts of 1 to 19 are shown as [c]"))
        let cells = html.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.output.1) }
        #expect(cells.filter { Int($0).map { 1 <= $0 && $0 < 20 } ?? false }.isEmpty, "\(cells)")
        let python = try #require(try ReportHTMLBrowser.pythonWithHTML5Lib(), "python3 with html5lib is not installed: run Scripts/setup")
        let result = try ReportHTMLBrowser.tool(python, ["-c", ReportHTMLBrowser.validator, path])
        #expect(result.status == 0 && result.stdout.isEmpty, "html5lib: \(result.stdout) \(result.stderr)")
    }

    @Test func printsOnA4WithPageNumbersAndTheRunningHeader() throws {
        let (path, _, _) = try write()
        let chromium = try #require(ReportHTMLBrowser.chromium(), "chromium is not installed: run Scripts/setup")
        let pdftotext = try #require(ReportHTMLBrowser.executable("pdftotext"), "pdftotext is not installed: run Scripts/setup (poppler-utils)")
        let pdf = workspace.file("public.pdf")
        let print = try ReportHTMLBrowser.tool(chromium, ReportHTMLBrowser.chromiumFlags(workspace.file("chromium-profile"))
            + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + path])
        try #require(print.status == 0, "chromium --print-to-pdf failed: \(print.stderr.suffix(2000))")
        let words = try ReportHTMLBrowser.tool(pdftotext, ["-layout", pdf, "-"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Page 1 of"))
        #expect(words.contains("Case audit report, 12 months to November 2026, public version"))
        #expect(words.contains("[c]"))
        let withoutPageNumbers = words.replacingOccurrences(of: #"Page [0-9]+ of [0-9]+"#, with: "", options: .regularExpression)
        #expect(withoutPageNumbers.range(of: #"(^|[^0-9.,])[1-4] (inadequate )?of "#, options: .regularExpression) == nil)
    }
}

import Foundation
import Testing

/// `report team TEAM --html FILE` (issue 17, item 8): the team's page in the HTML report's
/// frame, private (0600), valid HTML5 that Chromium renders with the team's figures.
@Suite struct ReportTeamHTMLTests {
    let work = Workspace()
    static let lead = "Lena Lead"

    init() throws {
        try TwoTeamWorkspace.prepare(work)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        try TwoTeamWorkspace.run(work, arguments)
    }

    @Test func theTeamPageIsWrittenPrivateAndChromiumRendersIt() throws {
        let result = try run(["report", "team", "alpha", "--month", "2026-11", "--html", "alpha.html"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Wrote alpha.html"))
        let path = work.file("alpha.html")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Team Alpha · 2026-11</h1>"))
        #expect(html.contains("1 of 2 audited were inadequate"))

        let python = try #require(try ReportHTMLBrowser.pythonWithHTML5Lib(), "python3 with html5lib is not installed: run Scripts/setup (python3-html5lib)")
        let valid = try ReportHTMLBrowser.tool(python, ["-c", ReportHTMLBrowser.validator, path])
        #expect(valid.status == 0 && valid.stdout.isEmpty, "html5lib: \(valid.stdout) \(valid.stderr)")

        let chromium = try #require(ReportHTMLBrowser.chromium(), "chromium is not installed: run Scripts/setup")
        let dom = try ReportHTMLBrowser.tool(chromium, ReportHTMLBrowser.chromiumFlags(work.file("chromium-profile")) + ["--dump-dom", "file://" + path])
        try #require(dom.status == 0, "chromium --dump-dom failed: \(dom.stderr.suffix(2000))")
        for id in ["rate", "travel", "domains", "actions"] { #expect(dom.stdout.contains("<section id=\"\(id)\">"), "section \(id)") }
        #expect(dom.stdout.contains("Inadequate rate, 2026-11"))
    }
}

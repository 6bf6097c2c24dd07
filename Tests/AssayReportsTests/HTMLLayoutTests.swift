@testable import AssayReports
import Foundation
import Testing

/// Layout, print and accessibility rules of the HTML report that can be checked without a
/// browser (the end-to-end tests render and print it in Chromium): contrast, unique ids, row
/// headers, no screen-only words, names never cut, labels that never overlap, the running
/// header.
@Suite struct HTMLLayoutTests {
    static var page: String { (try? HTMLFixture.report().render(produced: "2026-12-03", chainHead: "7:abc\"</style>", authority: "Fixture \"Council\"")) ?? "" }

    @Test func textReadsAtFourAndAHalfToOneAndChartLinesAtThree() {
        for pair in Palette.textPairs {
            #expect(Palette.contrast(pair.text, pair.background) >= 4.5, "\(pair.name): \(Palette.contrast(pair.text, pair.background))")
        }
        for line in Palette.lines {
            #expect(Palette.contrast(line.colour, Palette.paper) >= 3, "\(line.name): \(Palette.contrast(line.colour, Palette.paper))")
        }
        // Heat-map cells: black or white text on every shade of the ramp.
        for step in 0...100 {
            let fill = HeatScale.colour(Double(step) / 100)
            #expect(Palette.contrast(Palette.textOn(fill), fill) >= 4.5, "\(step)%: \(fill)")
        }
        #expect(Palette.contrast("#000000", "#ffffff") > 20.9)
    }

    @Test func everyIdIsUniqueAndEveryTableHasRowHeaders() {
        let page = Self.page
        let ids = page.matches(of: #/ id="([^"]+)"/#).map { String($0.output.1) }
        #expect(!ids.isEmpty)
        let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "duplicate ids: \(repeated)")
        // Every body row starts with a row header.
        let bodies = page.components(separatedBy: "<tbody>").dropFirst().map { $0.components(separatedBy: "</tbody>")[0] }
        for body in bodies {
            for row in body.components(separatedBy: "<tr").dropFirst() {
                let cell = row.drop { $0 != ">" }.dropFirst()
                #expect(cell.hasPrefix("<th scope=\"row\"") || cell.hasPrefix("<th scope=\"rowgroup\""), "\(row.prefix(120))")
            }
        }
        // Every table sits in a box that scrolls by itself on a narrow screen.
        #expect(HTMLReportTests.count("<table ", in: page) == HTMLReportTests.count("<div class=\"table-scroll\">\n<table ", in: page))
    }

    @Test func nothingOnThePageIsForTheScreenOnlyAndNoNameIsCut() throws {
        let page = Self.page
        #expect(!page.lowercased().contains("hover"))
        #expect(!page.lowercased().contains("click"))
        #expect(!page.contains("text-overflow"))
        #expect(!page.contains("…</text>") && !page.contains("…</h4>"))
        let report = try HTMLFixture.report()
        for team in report.teams.map(\.team) {
            #expect(page.contains("<h4>\(team)"), "\(team)'s chart heading in full")
        }
    }

    @Test func theRunningHeaderNamesTheAuthorityThePeriodAndTheChainHeadSafely() {
        let page = Self.page
        #expect(page.contains("@top-left { content: \"Fixture \\\"Council\\\" · Case audit report, 12 months to November 2026\";"))
        #expect(page.contains("@bottom-left { content: \"Audit log head 7:abc\\\"\\3C /style\\3E \";"))
        // The chain head cannot close the style element.
        #expect(HTMLReportTests.count("</style>", in: page) == 1)
        #expect(HTML.cssString("a\\b\n<") == "a\\\\b\\a \\3C ")
    }

    @Test func labelsNeverOverlapEachOtherOrAnyPoint() {
        // Forty points crowded into a small corner of a plot, as teams of similar sizes and rates.
        var points: [(x: Double, y: Double)] = []
        for i in 0..<40 { points.append((x: 200 + Double(i % 8) * 6, y: 200 + Double(i / 8) * 5)) }
        var placer = LabelPlacer(bounds: .init(x: 0, y: 0, width: 600, height: 400), points: points, pointRadius: 4)
        var boxes: [LabelPlacer.Box] = []
        for (i, point) in points.enumerated() {
            let place = placer.place(String(i + 1), x: point.x, y: point.y)
            #expect(place.box.x >= 0 && place.box.y >= 0 && place.box.x + place.box.width <= 600 && place.box.y + place.box.height <= 400)
            boxes.append(place.box)
        }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!a.intersects(b)) }
            for p in points { #expect(!a.intersects(.init(x: p.x - 4, y: p.y - 4, width: 8, height: 8))) }
        }
    }

    @Test func theFunnelsNumbersAreLaidOutClearOfEachOther() throws {
        let page = Self.page
        let chart = page.components(separatedBy: "id=\"team-funnel\"")[1].components(separatedBy: "</svg>")[0]
        let labels = chart.matches(of: /<text x="([\d.]+)" y="([\d.]+)" text-anchor="start" class="point-key">(\d+)<\/text>/).map {
            (x: Double($0.output.1)!, y: Double($0.output.2)!, text: String($0.output.3))
        }
        #expect(labels.count == 10)
        // Each number's box as LabelPlacer draws it: 5.6 px a digit, 9 px high.
        let boxes = labels.map { LabelPlacer.Box(x: $0.x - 1, y: $0.y - 7.5, width: Double($0.text.count) * 5.6 + 2, height: 9) }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!a.intersects(b), "\(a) and \(b) overlap") }
        }
    }
}

import AssayCore
@testable import AssayReports
import AssayTemplates
import Foundation
import Testing

/// What people read in the reports' tables and pages (issue 17): small counts as counts,
/// whole percentages that never round a real figure to 0% or 100%, domains by title with one
/// rule for sections that templates title differently, and the flags chance alone raises.
@Suite struct ReportWordsForPeopleTests {
    @Test func underTenAuditsAShareIsItsCount() {
        #expect(ShareText.share(1, of: 3) == "1 of 3")
        #expect(ShareText.share(0, of: 9) == "0 of 9")
        #expect(ShareText.share(3, of: 10) == "30%")
        #expect(ShareText.counted(18, of: 60) == "18 of 60 (30%)")
        #expect(ShareText.counted(1, of: 3) == "1 of 3")
        // A weighted rate of 36.6% from 1 of 3 audits is shown as the counts.
        #expect(ShareText.rate(0.366, inadequate: 1, audited: 3) == "1 of 3")
        #expect(ShareText.rate(0.0829, inadequate: 4, audited: 58) == "8%")
    }

    @Test func percentagesAreWholeAndNeverRoundARealFigureAway() {
        #expect(ShareText.percent(0.1729) == "17%")
        #expect(ShareText.percent(0) == "0%" && ShareText.percent(1) == "100%")
        // A Korn–Graubard interval after one inadequate audit starts above 0, however little.
        #expect(ShareText.percent(3.8e-24) == "<1%")
        #expect(ShareText.percent(0.0049) == "<1%" && ShareText.percent(0.005) == "1%")
        #expect(ShareText.percent(0.9999999999999711) == ">99%")
        #expect(ShareText.interval(0.0172, 0.2251) == "2% to 23%")
    }

    /// The shipped templates title `oversight` four ways, `voice` two: one domain each, titled
    /// by the title most templates give it (ties to the template whose id sorts first).
    @Test func sameIdSectionsOfDifferentTemplatesAreOneDomainWithOneTitle() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let templates = try FileManager.default.contentsOfDirectory(atPath: root.path + "/AuditTemplates").filter { $0.hasSuffix(".yaml") }
            .map { try TemplateLoader.load(path: root.path + "/AuditTemplates/" + $0) }
        let titles = DomainTitles(templates: templates.map { t in (t.id, t.sections.map { ($0.id, $0.title) }) })
        #expect(titles.title(of: "oversight") == "Management oversight and supervision")
        #expect(titles.variants["oversight"]?.first?.templates == ["children-in-care", "help-and-protection"])
        #expect(titles.variants["oversight"]?.count == 3)
        #expect(titles.title(of: "voice") == "The child's voice and lived experience")  // a tie: children-in-care sorts first
        #expect(titles.title(of: "pa-contact") == "Personal adviser contact and relationship")
        #expect(titles.title(of: "eet") == "Education, employment and training")
        #expect(titles.title(of: "imported-only") == "imported-only")
        // A reader may name a domain by any of its titles, or its id in any case.
        #expect(titles.id(naming: "Identification and analysis of risk") == "risk")
        #expect(titles.id(naming: "EET") == "eet")
        let note = try #require(titles.combinedNote(for: ["oversight", "eet", "voice"]))
        #expect(note.hasPrefix("A domain is a section id, counted together across templates: Management oversight and supervision also counts "))
        #expect(note.contains("\"The child's lived experience and voice\" (help-and-protection)"))
        #expect(titles.combinedNote(for: ["eet", "pa-contact"]) == nil)
    }

    @Test func aLaterVersionsTitleWinsWithinATemplate() {
        let titles = DomainTitles(templates: [("mini", [("plan", "Planning"), ("safety", "Safety"), ("plan", "Old planning")])])
        #expect(titles.titles == ["plan": "Planning", "safety": "Safety"])
    }

    @Test func theFunnelSaysHowManyFlagsChanceAloneWouldRaise() throws {
        let report = try FunnelReport(audits: FunnelReportTests.spread(), period: FunnelReportTests.window, grouping: .team)
        #expect(report.expectedByChance.outside95 == 0.2 && abs(report.expectedByChance.outside998 - 0.008) < 1e-15)
        #expect(report.chanceNote.contains("up to 1 team in 20 would lie outside the 95% limits (1 in 40 above, 1 in 40 below)"))
        #expect(report.chanceNote.contains("of these 4 teams, about 0.2 and under 0.01."))
        #expect(report.footnotes.contains(report.chanceNote))
        #expect(report.footnotes[0].hasPrefix("More than expected: more inadequate audits than"))
        let byLocality = try FunnelReport(audits: FunnelReportTests.spread(), period: FunnelReportTests.window, grouping: ReportGrouping(parsing: "locality"))
        #expect(byLocality.chanceNote.contains("every locality had") && byLocality.chanceNote.contains("of these 2 localities"))
    }
}

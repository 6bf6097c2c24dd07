import AssayAudits
import AssayCore
import AssayRegister
@testable import AssayReports
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import Testing

/// `reportedAudits` reads a long window in parts, a range of months each, at once; it must
/// give exactly what reading the months one by one gives, in the same order.
@Suite struct ReportedAuditsTests {
    @Test func aWindowReadInPartsIsItsMonthsReadOneByOne() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
        let rows = ["case_id,team,locality,service"] + (1...12).map { "C\($0),\($0 % 2 == 0 ? "Alpha" : "Beta"),North,front-door" }
        _ = try RegisterImporter(store: store).importFile(dir.write("register.csv", rows.joined(separator: "\n") + "\n"),
                                                          options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 1, day: 1)!))
        let template = try TemplateLoader.load(text: EvidenceReportTests.template, file: "mini.yaml")
        try store.register(template)
        let first = try #require(Month("2026-01"))
        let grades: [Grade] = [.good, .requiresImprovement, .inadequate, .outstanding]
        for offset in 0..<7 {
            let month = first.adding(months: offset)
            var request = DrawRequest(month: month, size: .perStratum(2 + offset % 2))
            request.seed = "month \(offset)"
            request.byFields = ["team"]
            request.excludeRecentMonths = 0
            let draw = try DrawMaker(store: store).make(request)
            _ = try store.saveDraw(draw, replaceReason: nil)
            let audits = try draw.cases.enumerated().map { i, drawn in
                let risk = grades[(i + offset) % grades.count], plan = grades[(i * 3 + offset) % grades.count]
                let answers = [
                    Answer(questionID: "risk", value: String(risk.rawValue), grade: risk, skipped: false, evidence: "e", reason: nil),
                    Answer(questionID: "seen", value: "no", grade: nil, skipped: false, evidence: "e", reason: nil),
                    Answer(questionID: "plan-quality", value: String(plan.rawValue), grade: plan, skipped: false, evidence: "e", reason: nil),
                ]
                let theCase = try store.auditedCase(drawn.caseID, month: month, unsampled: false, fallbackMonth: month)
                return Store.BulkAudit(theCase: theCase, answers: answers, overall: max(risk, plan), reason: "Set by the test.")
            }
            try store.submitInBulk(audits, template: template)
        }
        let last = first.adding(months: 6)
        let whole = try store.reportedAudits(from: first, through: last, domainGrades: true)
        let oneByOne = try (0..<7).flatMap { try store.reportedAudits(from: first.adding(months: $0), through: first.adding(months: $0), domainGrades: true) }
        #expect(whole.count == oneByOne.count)
        #expect(whole.count == 2 * (4 * 2 + 3 * 3))  // two teams: four months of 2 audits each, three of 3
        #expect(whole == oneByOne)
        #expect(Set(whole.map(\.month)).count == 7)
        #expect(whole.contains { !$0.domainGrades.isEmpty })
    }

    @Test func monthRangesCoverTheWindowInOrderWithoutOverlap() throws {
        let from = try #require(Month("2016-12"))
        for (months, parts) in [(1, 2), (2, 2), (7, 2), (120, 2), (120, 3), (5, 8), (12, 1)] {
            let through = from.adding(months: months - 1)
            let ranges = Store.monthRanges(from: from, through: through, parts: parts)
            #expect(ranges.count == min(months, parts))
            #expect(ranges.first?.from == from && ranges.last?.through == through)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.through.adding(months: 1) == b.from) }
            for range in ranges { #expect(range.from <= range.through) }
        }
    }
}

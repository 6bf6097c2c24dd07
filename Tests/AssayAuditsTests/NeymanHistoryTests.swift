import AssayAudits
import AssayCore
import AssayRegister
@testable import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Neyman p_h from the audits the store holds (docs/sampling.md §5b): which audits count,
/// the rate per stratum and authority-wide, and what a Neyman draw then stores.
@Suite struct NeymanHistoryTests {
    let dir = TemporaryDirectory()
    let store: Store
    /// The Neyman draw's month; its window is 2025-11 … 2026-10.
    let november = Month("2026-11")!
    var window: ClosedRange<Month> { Month("2025-11")!...Month("2026-10")! }

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let templates = root.appendingPathComponent("AuditTemplates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted() where name.hasSuffix(".yaml") {
            try store.register(TemplateLoader.load(path: templates.appendingPathComponent(name).path))
        }
        // Three child-in-need teams in one locality (Gamma is never audited), and one
        // child-in-care case in Alpha; legal_status is a kept attribute.
        var rows: [String] = []
        for n in 1...6 { rows.append("A\(n),Alpha,Northmoor,child-in-need,\(n <= 3 ? "s17" : "s47")") }
        for n in 1...4 { rows.append("B\(n),Beta,Northmoor,child-in-need,s17") }
        for n in 1...4 { rows.append("G\(n),Gamma,Northmoor,child-in-need,s17") }
        rows.append("AC1,Alpha,Northmoor,child-in-care,cic")
        let text = "case_id,team,locality,service,legal_status\n" + rows.joined(separator: "\n") + "\n"
        _ = try RegisterImporter(store: store).importFile(dir.write("r.csv", text), options: RegisterImportOptions(
            asOf: CalendarDate(year: 2025, month: 10, day: 1)!, keep: ["legal_status"]))
    }

    /// Draws every case of the register in `month`, as that month's sample, unless it has one.
    func drawEverything(_ month: String) throws {
        if (try? store.storedDraw(month: Month(month)!)) != nil { return }
        var request = DrawRequest(month: Month(month)!, size: .perStratum(100))
        request.seed = "seed"
        request.excludeRecentMonths = 0
        try store.saveDraw(DrawMaker(store: store).make(request), replaceReason: nil)
    }

    /// Every question answered validly, grade questions with `grade`.
    func answers(_ template: AuditTemplate, grade: Grade) -> [Answer] {
        template.questions.map { question in
            let text = switch question.kind {
            case .grade: String(grade.rawValue)
            case .yesNo: "yes"
            case .choice: question.choices[0]
            case .text: "x"
            case .number: "1"
            case .date: "2026-01-01"
            }
            guard case .success(let typed) = TypedAnswer.read(text, for: question) else { fatalError("\(question.id): \(text)") }
            return Answer(questionID: question.id, value: typed.value, grade: typed.grade, skipped: false, evidence: "Seen on file.", reason: nil)
        }
    }

    /// Submits an audit of `caseID` in `month` with overall grade `overall`.
    func submit(_ caseID: String, _ month: String, _ overall: Grade, unsampled: Bool = false) throws {
        let theCase = try store.auditedCase(caseID, month: Month(month)!, unsampled: unsampled, fallbackMonth: Month(month)!)
        let template = try store.template(for: theCase.service, caseID: caseID)
        try store.submitInOneStep(theCase, template: template, unsampled: unsampled, answers: answers(template, grade: overall),
                                  overall: overall, reason: "Overall judgement as discussed.", actions: [])
    }

    /// Starts an audit of `caseID` in `month` and sets an overall grade, without submitting.
    func leaveInProgress(_ caseID: String, _ month: String, _ overall: Grade) throws {
        let theCase = try store.auditedCase(caseID, month: Month(month)!, unsampled: false, fallbackMonth: Month(month)!)
        let template = try store.template(for: theCase.service, caseID: caseID)
        let audit = try store.openAudit(of: theCase, template: template, unsampled: false).audit
        try store.setOverall(auditID: audit.id, grade: overall, reason: "Provisional.")
    }

    /// Audits that must not count, whatever else is stored: outside the window on either
    /// side, unsampled, or still in progress. Every one of them is inadequate.
    /// (`inTheDrawsOwnMonth` false leaves out the one in the draw's own month, whose audit
    /// would stop that month's draw from being replaced.)
    func auditsThatDoNotCount(inTheDrawsOwnMonth: Bool = true) throws {
        for month in ["2025-10", "2026-10", "2026-11"] { try drawEverything(month) }
        try submit("A1", "2025-10", .inadequate)                 // 13 months before the draw
        if inTheDrawsOwnMonth { try submit("A6", "2026-11", .inadequate) }  // the draw's own month
        try submit("G1", "2026-08", .inadequate, unsampled: true) // ad hoc: 2026-08 had no draw
        try leaveInProgress("G2", "2026-10", .inadequate)
    }

    /// Alpha: 1 inadequate of 4 (one of them 12 months back); Beta: 2 of 2; Gamma: none
    /// that count. Authority-wide: 3 of 6.
    func auditsThatCount() throws {
        for month in ["2025-11", "2026-10"] { try drawEverything(month) }
        try submit("A2", "2025-11", .good)
        try submit("A3", "2026-10", .inadequate)
        try submit("A4", "2026-10", .good)
        try submit("A5", "2026-10", .requiresImprovement)
        try submit("B1", "2026-10", .inadequate)
        try submit("B2", "2026-10", .inadequate)
    }

    func neymanRequest() -> DrawRequest {
        var request = DrawRequest(month: november, size: .total(9))
        request.seed = "november"
        request.allocation = .neyman
        request.excludeRecentMonths = 0  // every case was drawn in October
        return request
    }

    func key(_ values: String...) -> StratumKey { StratumKey(values) }

    @Test func ratesCountOnlySubmittedSampledAuditsOfTheTwelveMonthsBefore() throws {
        try auditsThatDoNotCount()
        try auditsThatCount()
        let rates = try #require(try StoredInadequacyHistory(store: store).inadequateRates(months: window, byFields: ["team", "locality"], services: nil))
        #expect(rates.perStratum == [key("Alpha", "Northmoor"): 0.25, key("Beta", "Northmoor"): 1.0])
        #expect(rates.authority == 0.5)
    }

    @Test func keptAttributesComeFromTheAuditedDrawsFrame() throws {
        try auditsThatCount()
        let rates = try #require(try StoredInadequacyHistory(store: store).inadequateRates(months: window, byFields: ["team", "legal_status"], services: nil))
        #expect(rates.perStratum == [key("Alpha", "s17"): 0.5, key("Alpha", "s47"): 0.0, key("Beta", "s17"): 1.0])
    }

    @Test func aServicesDrawCountsOnlyAuditsOfThoseServices() throws {
        try auditsThatCount()
        try submit("AC1", "2026-10", .inadequate)
        let history = StoredInadequacyHistory(store: store)
        let all = try #require(try history.inadequateRates(months: window, byFields: ["team"], services: nil))
        #expect(all.perStratum[key("Alpha")] == 0.4)
        let inNeed = try #require(try history.inadequateRates(months: window, byFields: ["team"], services: [.childInNeed]))
        #expect(inNeed.perStratum[key("Alpha")] == 0.25)
        #expect(inNeed.authority == 0.5)
        #expect(try history.inadequateRates(months: window, byFields: ["team"], services: [.careLeaver]) == nil)
    }

    @Test func aNeymanDrawStoresTheClampedRatesAndVerifies() throws {
        try auditsThatDoNotCount(inTheDrawsOwnMonth: false)
        try auditsThatCount()
        let draw = try DrawMaker(store: store).make(neymanRequest())
        #expect(draw.allocationUsed == "neyman")
        #expect(draw.notes.isEmpty)
        // November already has its sample (unaudited, so it can still be replaced); the lead redraws it.
        try store.saveDraw(draw, replaceReason: "Neyman allocation now that audits exist.")
        let stored = try store.storedDraw(month: november)
        let p = Dictionary(uniqueKeysWithValues: stored.draw.strata.map { ($0.key, $0.neymanP) })
        // Alpha as measured; Beta's 100% clamped to 0.95; Gamma, unaudited, the authority's 50%.
        #expect(p == [key("Alpha", "Northmoor"): 0.25, key("Beta", "Northmoor"): 0.95, key("Gamma", "Northmoor"): 0.5])
        #expect(stored.draw.allocationUsed == "neyman")
        #expect(try DrawVerifier(store: store).verify(stored).isEmpty)
    }

    /// Moderates the submitted audit of `caseID` in `month` as a moderator, who grades it
    /// `blind` and agrees `agreed` with the auditor; the month's moderation sample takes every audit.
    func moderate(_ caseID: String, _ month: String, blind: Grade, agreed: Grade) throws {
        if try store.moderationSample(month: Month(month)!) == nil {
            _ = try store.takeModerationSample(month: Month(month)!, share: 1.0, seed: "moderation", replaceReason: nil)
        }
        if try store.person(named: "Mo Moderator") == nil { try store.addPerson(name: "Mo Moderator", role: .moderator, team: nil) }
        let moderator = try Store(path: dir.file("a.db"), identity: Identity(name: "Mo Moderator", osLogin: "mo"))
        let audit = try #require(try store.audits(AuditFilter(month: Month(month)!)).first { $0.caseID == caseID })
        let (_, template) = try moderator.moderationTarget(auditID: audit.id)
        let sheet = try ModerationSheet(template: template, answers: answers(template, grade: blind), overall: blind, reason: "Moderator's view.",
                                        agreed: [:], agreedOverall: agreed, agreedReason: "Agreed after reading the case notes together.")
        try moderator.moderate(auditID: audit.id, template: template, sheet: sheet)
    }

    /// Reports count a moderated audit with its agreed grade, and so does p_h (docs/sampling.md
    /// §5b): Alpha's A4, first graded good, agreed inadequate, takes Alpha from 1 in 4 to 2 in 4.
    @Test func aModeratedAuditCountsWithItsAgreedGrade() throws {
        try auditsThatCount()
        let history = StoredInadequacyHistory(store: store)
        let before = try #require(try history.inadequateRates(months: window, byFields: ["team", "locality"], services: nil))
        #expect(before.perStratum[key("Alpha", "Northmoor")] == 0.25)
        try moderate("A4", "2026-10", blind: .good, agreed: .inadequate)
        // B1's agreed grade (inadequate, as first graded) changes nothing.
        try moderate("B1", "2026-10", blind: .requiresImprovement, agreed: .inadequate)
        let after = try #require(try history.inadequateRates(months: window, byFields: ["team", "locality"], services: nil))
        #expect(after.perStratum == [key("Alpha", "Northmoor"): 0.5, key("Beta", "Northmoor"): 1.0])
        #expect(after.authority == 4.0 / 6.0)
        // And the Neyman draw stores, and weighs by, the agreed rate.
        try drawEverything("2026-11")
        try store.saveDraw(try DrawMaker(store: store).make(neymanRequest()), replaceReason: "Neyman allocation now that audits exist.")
        let stored = try store.storedDraw(month: november)
        #expect(stored.draw.strata.first { $0.key == key("Alpha", "Northmoor") }?.neymanP == 0.5)
        #expect(try DrawVerifier(store: store).verify(stored).isEmpty)
    }

    @Test func withoutCountableHistoryANeymanDrawFallsBackAndSaysSo() throws {
        try auditsThatDoNotCount()
        let draw = try DrawMaker(store: store).make(neymanRequest())
        #expect(draw.allocationUsed == "proportional")
        #expect(draw.strata.allSatisfy { $0.neymanP == nil })
        #expect(draw.notes.contains { $0.contains("fell back to proportional") })
    }
}

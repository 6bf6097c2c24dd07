import AssayAudits
import AssayCore
import AssaySamples
import AssayTemplates
import AssayTestSupport
import Foundation
import Testing

/// The answers files the demo submits: every one is accepted as `assay audit --answers`
/// would accept it, the same seed gives the same files, and the month's grades look like a
/// real authority's, with some teams clearly weaker than others.
@Suite struct AuditAnswersGeneratorTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let templates = try! AuditAnswersGenerator.loadTemplates(directory: packageRoot + "/AuditTemplates")
    static let register = try! RegisterGenerator().cases()

    /// About 60 cases of the bundled register, every 66th, written as `assay sample
    /// --format csv` writes them (status and auditor columns included, a team with a comma
    /// quoted), so the test also reads the sample the way the demo does.
    static let monthCSV: String = {
        var csv = "case_id,team,locality,service,worker,status,auditor\n"
        for c in stride(from: 0, to: register.count, by: 66).map({ register[$0] }) {
            let fields = [c.caseID, c.team, c.locality, c.service.code, c.worker, "not started", ""]
            csv += fields.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ",") + "\n"
        }
        return csv
    }()

    /// A month of answers files looking back from today: an answers file is read on the day
    /// it is submitted, and its actions may not fall due before that day (ActionDueDate).
    static func month(seed: UInt64 = AuditAnswersGenerator.defaultSeed) throws -> (directory: TemporaryDirectory, audits: [GeneratedAudit]) {
        let directory = TemporaryDirectory(prefix: "assay-answers-")
        let cases = try SampleCSV.parse(monthCSV, file: "sample.csv")
        let (written, skipped) = try AuditAnswersGenerator(templates: templates, seed: seed, asOf: ActionDueDate.day())
            .write(cases, to: directory.path + "/answers")
        #expect(skipped.isEmpty)
        return (directory, written)
    }

    @Test func everyFileIsAcceptedAgainstTheTemplateForItsCasesService() throws {
        let (directory, audits) = try Self.month()
        #expect(audits.count == 61)
        #expect(Set(audits.map(\.templateID)) == Set(Self.templates.map(\.id)), "the month should use every shipped template")
        for audit in audits {
            let template = try #require(Self.templates.first { $0.appliesTo.contains(audit.service) })
            let path = directory.path + "/answers/\(audit.caseID).yaml"
            #expect(try AnswerSheet.templateID(path: path) == template.id)
            let sheet = try AnswerSheet.read(path: path, template: template)
            #expect(sheet.overall == audit.overall)
            #expect(sheet.actions.count == audit.actions.count)
            // The overall Assay will suggest is the one the generator aimed at.
            let grades = Dictionary(uniqueKeysWithValues: sheet.answers.compactMap { a in a.grade.map { (a.questionID, $0) } })
            #expect(SuggestedGrades(template: template, answers: grades).overall == audit.suggested)
            #expect((sheet.reason != nil) == (audit.overall != audit.suggested))
        }
    }

    /// Each audit is done on a day of its own in the weeks after the as-of date, says so at the
    /// top of its file, and raises its actions then, due one to four weeks later: never due
    /// before the day they are raised, so the demo's month has actions done on time, done
    /// late, overdue and not yet due, not every one overdue (issue 17).
    @Test func actionsFallDueWeeksAfterTheDayOfTheAudit() throws {
        let asOf = CalendarDate(parsing: "2026-11-01")!
        let generator = AuditAnswersGenerator(templates: Self.templates, asOf: asOf)
        let audits = try SampleCSV.parse(Self.monthCSV, file: "sample.csv").compactMap(generator.audit(of:))
        let days = Set(audits.map(\.auditedOn))
        #expect(days.allSatisfy { (asOf.days(to: $0)) >= 2 && asOf.days(to: $0) <= 25 }, "\(days.sorted(by: <))")
        #expect(days.count >= 15, "the month's audits are spread over its weeks")
        let actions = audits.flatMap { audit in audit.actions.map { (audit, $0) } }
        #expect(actions.count >= 10)
        #expect(actions.allSatisfy { audit, action in (7...28).contains(audit.auditedOn.days(to: action.due)) })
        // Some fall due within the month, so by its end some are overdue unless done; others after it.
        let monthEnd = CalendarDate(parsing: "2026-11-30")!
        #expect(actions.contains { $0.1.due < monthEnd } && actions.contains { $0.1.due > monthEnd })
        let audit = try #require(audits.first)
        #expect(audit.yaml.contains("# Audited on \(audit.auditedOn): submit it that day"))
        // A moderation's answers are all submitted on one day.
        let moderated = AuditAnswersGenerator(templates: Self.templates, seed: 7, asOf: asOf, submittedOn: monthEnd)
        #expect(try SampleCSV.parse(Self.monthCSV, file: "sample.csv").compactMap(moderated.audit(of:)).allSatisfy { $0.auditedOn == monthEnd })
        // The day is the case's, whatever the seed.
        #expect(AuditAnswersGenerator(templates: Self.templates, seed: 7, asOf: asOf).auditedOn(audit.caseID) == audit.auditedOn)
    }

    @Test func theTeamWithACommaIsReadWhole() throws {
        let cases = try SampleCSV.parse(Self.monthCSV, file: "sample.csv")
        #expect(cases.contains { $0.team == "Children in Care, Permanence" })
        #expect(cases.allSatisfy { $0.service != nil && !$0.caseID.isEmpty })
    }

    @Test func aSampleWithoutItsColumnsIsRefusedByName() {
        let error = #expect(throws: SamplesError.self) { try SampleCSV.parse("case,team,locality\nCS1,A,B\n", file: "x.csv") }
        guard case .missingColumn("x.csv", "case_id", _)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func theSameSeedGivesTheSameFiles() throws {
        let (first, audits) = try Self.month(seed: 7)
        let (second, _) = try Self.month(seed: 7)
        let (other, _) = try Self.month(seed: 8)
        var differs = 0
        for audit in audits {
            let name = "/answers/\(audit.caseID).yaml"
            let a = FileManager.default.contents(atPath: first.path + name)
            #expect(a != nil && a == FileManager.default.contents(atPath: second.path + name))
            if a != FileManager.default.contents(atPath: other.path + name) { differs += 1 }
        }
        #expect(differs > audits.count / 2, "another seed should give other answers")
    }

    /// A case's answers depend on the seed and the case, not on what else was drawn.
    @Test func aCasesAnswersDoNotDependOnTheRestOfTheSample() throws {
        let generator = AuditAnswersGenerator(templates: Self.templates, asOf: ActionDueDate.day())
        let one = SampledCase(Self.register[66])
        let alone = try #require(generator.audit(of: one))
        let (_, audits) = try Self.month()
        #expect(audits.first { $0.caseID == one.caseID } == alone)
    }

    @Test func theMonthsGradeMixIsPlausible() throws {
        let (_, audits) = try Self.month()
        let share = { (grade: Grade) in Double(audits.filter { $0.overall == grade }.count) / Double(audits.count) }
        #expect((0.05...0.35).contains(share(.inadequate)), "inadequate share \(share(.inadequate))")
        #expect(share(.good) + share(.requiresImprovement) >= 0.6)
        #expect(share(.outstanding) < 0.15)
        // Most overall grades are the suggestion; a few are judged worse, with a reason.
        let lowered = audits.filter { $0.overall != $0.suggested }
        #expect(lowered.count < audits.count / 4)
        #expect(lowered.allSatisfy { $0.overall.rawValue == $0.suggested.rawValue + 1 && $0.reason != nil })
        // Weaker audits raise actions; an inadequate one always does.
        #expect(audits.filter { $0.overall == .inadequate }.allSatisfy { !$0.actions.isEmpty })
        // Evidence is written on some answers, not all.
        let entries = audits.flatMap(\.entries)
        let evidenced = Double(entries.filter { $0.evidence != nil }.count) / Double(entries.count)
        #expect((0.15...0.7).contains(evidenced), "evidence on \(evidenced) of answers")
        #expect(entries.contains { $0.value == "na" && $0.reason != nil })
    }

    /// Over the whole register, so every team has enough cases to compare: the weakest
    /// team's inadequate rate is at least twice the strongest's, and a case's grades agree
    /// with each other (outstanding and inadequate answers in one audit are rare).
    @Test func someTeamsAreClearlyWeakerAndACasesGradesHangTogether() throws {
        let generator = AuditAnswersGenerator(templates: Self.templates)
        let audits = Self.register.compactMap { generator.audit(of: SampledCase($0)) }
        #expect(audits.count == Self.register.count)
        var rates: [String: Double] = [:]
        for (team, cases) in Dictionary(grouping: audits, by: \.team) where cases.count >= 100 {
            rates[team] = Double(cases.filter { $0.overall == .inadequate }.count) / Double(cases.count)
        }
        let worst = try #require(rates.values.max()), best = try #require(rates.values.min())
        #expect(worst >= 2 * best, "inadequate rates by team: \(rates)")
        #expect(rates["Children and Families East"] == worst)
        let overallInadequate = Double(audits.filter { $0.overall == .inadequate }.count) / Double(audits.count)
        #expect((0.05...0.25).contains(overallInadequate))
        let spanning = audits.filter { audit in
            let grades = Set(audit.entries.compactMap { entry in Grade.allCases.first { $0.name == entry.value } })
            return grades.contains(.outstanding) && grades.contains(.inadequate)
        }
        #expect(Double(spanning.count) / Double(audits.count) < 0.05)
    }
}

import AssayCore
import AssaySamples
import AssayStatistics
import AssayTemplates
import Foundation
import Testing

/// `assay-samples history`: three years of made-up past audits. The same seed gives the
/// same bytes, the committed sample is current, and the trends Samples/README.md promises
/// are in it, so a report that misses them is wrong, not the data.
@Suite struct PastAuditHistoryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let templates = try! AuditAnswersGenerator.loadTemplates(directory: packageRoot + "/AuditTemplates")
    static let generator = PastAuditHistoryGenerator(templates: templates)
    static let audits = generator.audits()

    /// The share of `audits` judged inadequate.
    static func rate(_ audits: [PastAuditRecord]) -> Double {
        Double(audits.filter { $0.overall == .inadequate }.count) / Double(max(1, audits.count))
    }

    static func year(_ n: Int) -> [PastAuditRecord] {
        let first = PastAuditHistoryGenerator.firstMonth.adding(months: 12 * n)
        let last = first.adding(months: 11)
        return audits.filter { $0.month >= first && $0.month <= last }
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        let a = PastAuditHistoryGenerator(templates: Self.templates, seed: 7).csvBytes()
        let b = PastAuditHistoryGenerator(templates: Self.templates.reversed(), seed: 7).csvBytes()
        let c = PastAuditHistoryGenerator(templates: Self.templates, seed: 8).csvBytes()
        #expect(a == b, "the order templates are given in does not matter")
        #expect(a != c)
    }

    /// If this fails after a deliberate change to the generator, run Samples/regenerate.
    @Test func theCommittedSampleIsCurrent() throws {
        let committed = try Data(contentsOf: URL(fileURLWithPath: Self.packageRoot + "/Samples/history-2023-11-to-2026-10.csv"))
        #expect(committed == Data(Self.generator.csvBytes()), "Samples/history-2023-11-to-2026-10.csv is stale: run Samples/regenerate")
    }

    @Test func thirtySixMonthsOfFiftyToSixtyAuditsOverTheCounty() {
        let byMonth = Dictionary(grouping: Self.audits, by: \.month)
        #expect(byMonth.count == 36)
        #expect(byMonth.keys.min() == Month("2023-11")! && byMonth.keys.max() == Month("2026-10")!)
        #expect(byMonth.values.allSatisfy { (50...60).contains($0.count) })
        for (month, audits) in byMonth {
            #expect(Set(audits.map(\.caseID)).count == audits.count, "a case is audited once in \(month)")
        }
        let teams = Set(CountyShape.county.teams.map(\.name))
        #expect(Set(Self.audits.map(\.team)) == teams)
        #expect(Set(Self.audits.map(\.locality)) == Set(CountyShape.county.localities))
        #expect(Self.audits.allSatisfy { $0.caseID.hasPrefix("CS") && $0.caseID.count == 8 })
        #expect(Self.audits.allSatisfy { Service(matching: $0.serviceAsWritten) == $0.service })
    }

    @Test func theAuthorityImprovesFromAQuarterToATwentieth() {
        let first = Self.rate(Self.year(0)), last = Self.rate(Self.year(2))
        #expect((0.2...0.3).contains(first), "first-year inadequate rate \(first)")
        #expect((0.03...0.08).contains(last), "last-year inadequate rate \(last)")
    }

    /// The Cochran–Armitage trend test `report trend` runs, on the monthly counts of the
    /// audits that pass `filter`.
    static func trend(_ filter: (PastAuditRecord) -> Bool) -> TrendTest {
        let byMonth = Dictionary(grouping: audits.filter(filter), by: \.month)
        return TrendTest(months: byMonth.map { month, audits in
            MonthlyCount(month: month, inadequate: audits.filter { $0.overall == .inadequate }.count, audits: audits.count)
        })
    }

    @Test func theAuthorityImprovesBeyondDoubt() {
        let test = Self.trend { _ in true }
        #expect(test.direction == .improving && test.pValue! < 1e-10, "authority: \(test)")
    }

    @Test func oneTeamStaysStubbornlyHigh() {
        let team = PastAuditHistoryGenerator.stubbornTeam
        for n in 0..<3 {
            let rate = Self.rate(Self.year(n).filter { $0.team == team })
            #expect(rate >= 0.2, "\(team) in year \(n + 1): \(rate)")
        }
        let others = Self.rate(Self.year(2).filter { $0.team != team })
        #expect(others < 0.08)
        let test = Self.trend { $0.team == team }
        #expect(test.direction != .improving, "\(team) must not improve: \(test)")
    }

    @Test func oneLocalityWorsens() {
        let locality = PastAuditHistoryGenerator.worseningLocality
        let first = Self.rate(Self.year(0).filter { $0.locality == locality })
        let last = Self.rate(Self.year(2).filter { $0.locality == locality })
        #expect(first < 0.1 && last > 0.25, "\(locality): \(first) then \(last)")
        #expect(last > 4 * Self.rate(Self.year(2)), "by the last year \(locality) stands out")
    }

    /// What `report trend --by locality --months 36` must say: the worsening locality
    /// worsens beyond doubt, on its own raw monthly counts, and no other locality worsens.
    @Test func theTrendTestFindsTheWorseningLocalityAndOnlyIt() {
        let worsening = PastAuditHistoryGenerator.worseningLocality
        let test = Self.trend { $0.locality == worsening }
        #expect(test.direction == .worsening, "\(worsening): \(test)")
        #expect(test.pValue.map { $0 < 0.001 } == true, "\(worsening) worsens with p < 0.001: \(test)")
        #expect(test.monthsUsed == 36)
        for locality in CountyShape.county.localities where locality != worsening {
            let other = Self.trend { $0.locality == locality }
            #expect(other.direction != .worsening, "\(locality): \(other)")
        }
    }

    @Test func domainsAreTheSectionsOfTheServicesTemplateAndFollowTheOverallGrade() {
        for audit in Self.audits {
            let template = Self.generator.template(for: audit.service)!
            #expect(Set(audit.domainGrades.keys).isSubset(of: Set(template.sections.map(\.id))))
            #expect(audit.domainGrades.count >= template.sections.count - 4)
            if audit.overall == .inadequate { #expect(audit.domainGrades.values.contains(.inadequate)) }
        }
        func meanDomain(_ grade: Grade) -> Double {
            let grades = Self.audits.filter { $0.overall == grade }.flatMap { $0.domainGrades.values.map { Double($0.rawValue) } }
            return grades.reduce(0, +) / Double(grades.count)
        }
        let means = Grade.allCases.map(meanDomain)
        #expect(means == means.sorted() && means.last! - means.first! > 2, "mean domain grade by overall grade: \(means)")
        let ungraded = Self.audits.contains { audit in
            audit.domainGrades.count < Self.generator.template(for: audit.service)!.sections.count
        }
        #expect(ungraded, "some domains were not graded")
    }

    @Test func theHeaderIsWhatImportAuditsReads() {
        let header = Self.generator.header
        #expect(Array(header.prefix(7)) == ["month", "case_id", "team", "locality", "service", "overall", "auditor"])
        #expect(header.dropFirst(7).allSatisfy { $0.hasPrefix("domain_") })
        #expect(Set(header).count == header.count)
        let csv = String(decoding: Self.generator.csvBytes(), as: UTF8.self)
        #expect(csv.split(separator: "\n").count == Self.audits.count + 1)
    }
}

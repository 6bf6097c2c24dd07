import AssayCore
import AssaySamples
import Testing

/// The bundled sample: the invented county's 4,000 open cases on 2026-11-01.
@Suite struct CountyRegisterTests {
    static let generator = try! RegisterGenerator()
    static let cases = generator.cases()
    static let records = try! StrictCSV.records(Array(generator.csv().utf8))

    @Test func itHoldsTheRequestedNumberOfCases() {
        #expect(Self.cases.count == 4_000)
        #expect(Self.records.count == 4_001)
        #expect(Self.records[0].strings == OpenCase.header)
        #expect(Self.generator.strata.reduce(0) { $0 + $1.caseCount } == 4_000)
    }

    @Test func caseIDsAreUniqueWellFormedAndNotInOrder() {
        let ids = Self.cases.map(\.caseID)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("CS") && $0.count == 8 && $0.dropFirst(2).allSatisfy(\.isASCII) && Int($0.dropFirst(2)) != nil })
        #expect(ids != ids.sorted())
        let steps = zip(ids, ids.dropFirst()).filter { Int($0.dropFirst(2))! + 1 == Int($1.dropFirst(2))! }
        #expect(steps.count < 10, "case ids should not run in sequence down the file")
    }

    @Test func aboutFifteenTeamsInExactlySixLocalities() {
        let teams = Set(Self.cases.map(\.team))
        #expect((12...18).contains(teams.count))
        #expect(Set(Self.cases.map(\.locality)).count == 6)
        #expect(teams.count == Self.generator.shape.teams.count)
        #expect(Set(Self.generator.shape.localities) == Set(Self.cases.map(\.locality)))
    }

    @Test func strataVaryInSize() {
        let sizes = Self.generator.strata.map(\.caseCount)
        #expect(sizes.filter { $0 >= 150 }.count >= 5, "a few large strata")
        #expect(sizes.filter { $0 < 60 }.count >= 6, "several small strata")
        #expect(sizes.filter { (1...3).contains($0) }.count >= 2, "a couple with one to three cases")
        #expect(sizes.allSatisfy { $0 >= 1 })
        // Every stratum's count is what the rows hold.
        for stratum in Self.generator.strata {
            let rows = Self.cases.filter { $0.team == stratum.team && $0.locality == stratum.locality }
            #expect(rows.count == stratum.caseCount, "\(stratum.team) × \(stratum.locality)")
        }
    }

    @Test func teamsServeOneToSixLocalities() {
        var localitiesByTeam: [String: Set<String>] = [:]
        for c in Self.cases { localitiesByTeam[c.team, default: []].insert(c.locality) }
        let spans = localitiesByTeam.values.map(\.count)
        #expect(spans.contains(1))
        #expect(spans.contains(2))
        #expect(spans.contains(3))
    }

    /// Fold as Assay does: lower case without spaces, hyphens and underscores.
    static func fold(_ s: String) -> String {
        String(s.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
    }

    @Test func everyServiceFoldsToAKnownCode() {
        var known: [String: Service] = [:]
        for service in Service.allCases {
            known[Self.fold(service.code)] = service
            known[Self.fold(service.displayName)] = service
        }
        for c in Self.cases {
            #expect(known[Self.fold(c.serviceAsWritten)] == c.service, "\(c.caseID): \(c.serviceAsWritten)")
        }
        #expect(Set(Self.cases.map(\.service)) == Set(Service.allCases))
        let spellings = Set(Self.cases.map(\.serviceAsWritten))
        #expect(spellings.contains("Child in need"))
        #expect(spellings.contains("child-in-need"))
        #expect(spellings.contains("CHILD_PROTECTION"))
        #expect(!spellings.contains("Children in Care"))
    }

    @Test func everyOpenedDateParsesAndIsOnOrBeforeTheAsOfDate() {
        let asOf = Self.generator.asOf
        for c in Self.cases {
            let parsed = CalendarDate(parsing: c.openedAsWritten)
            #expect(parsed == c.opened, "\(c.caseID): \(c.openedAsWritten)")
            #expect(c.opened <= asOf, "\(c.caseID): \(c.opened)")
        }
        let iso = Self.cases.filter { $0.openedAsWritten.contains("-") }.count
        #expect(iso > 200 && iso < 1_000, "mostly UK dates, some ISO")
    }

    @Test func datesLookLikeTheServices() {
        func medianDaysAgo(_ service: Service) -> Int {
            let ages = Self.cases.filter { $0.service == service }
                .map { c -> Int in
                    let a = Self.generator.asOf
                    return (a.year - c.opened.year) * 365 + (a.month - c.opened.month) * 30 + (a.day - c.opened.day)
                }
                .sorted()
            return ages[ages.count / 2]
        }
        #expect(medianDaysAgo(.assessment) < 60)
        #expect(medianDaysAgo(.frontDoor) < 30)
        #expect(medianDaysAgo(.childInCare) > 365 * 2)
    }

    @Test func workersAreNamedOrTheCaseIsUnallocated() {
        let unallocated = Self.cases.filter { $0.worker.isEmpty }.count
        #expect(unallocated > 0 && unallocated < 200)
        // A worker holds cases in one team only.
        var teamsByWorker: [String: Set<String>] = [:]
        for c in Self.cases where !c.worker.isEmpty { teamsByWorker[c.worker, default: []].insert(c.team) }
        #expect(teamsByWorker.values.allSatisfy { $0.count == 1 })
    }

    @Test func extraColumnsHoldCensusCodesAndLegalStatus() {
        let needs = Set(["N1 Abuse or neglect", "N2 Child's disability", "N3 Parental illness or disability",
                         "N4 Family in acute stress", "N5 Family dysfunction", "N6 Socially unacceptable behaviour",
                         "N7 Low income", "N8 Absent parenting", "N9 Cases other than children in need", ""])
        #expect(Self.cases.allSatisfy { needs.contains($0.primaryNeed) })
        for c in Self.cases {
            if c.service == .childInCare {
                #expect(["C1", "C2", "S20", "E1"].contains(c.legalStatus), "\(c.caseID)")
            } else {
                #expect(c.legalStatus.isEmpty, "\(c.caseID)")
            }
        }
    }

    @Test func theFileIsStrictRFC4180AndQuotesWhatItMust() {
        #expect(Self.records.allSatisfy { $0.fields.count == 8 })
        #expect(Self.records.dropFirst().map(\.strings) == Self.cases.map(\.fields))
        // Records are one line each here, so record n starts on line n.
        #expect(Self.records.enumerated().allSatisfy { $0.element.line == $0.offset + 1 })
        let text = Self.generator.csv()
        #expect(text.contains(",\"Children in Care, Permanence\","))
        #expect(text.contains(",\"Robin \"\"Bobbie\"\" Ashdown\","))
        #expect(text.contains(",\"Quillfeather, Sam (agency)\","))
        #expect(!text.contains("\r"))
        #expect(text.hasSuffix("\n"))
    }
}

import AssayCore
import AssaySamples
import Testing

/// Region-sized registers for benchmarks: many numbered strata.
@Suite struct ScaledRegisterTests {
    @Test func itHasExactlyTheRequestedStrata() throws {
        let generator = try RegisterGenerator(seed: 5, caseCount: 20_000, strata: 250)
        #expect(generator.strata.count == 250)
        var seen = Set<String>()
        var count = 0
        generator.forEachCase { c in
            seen.insert(c.team + "\u{1F}" + c.locality)
            count += 1
        }
        #expect(seen.count == 250, "every stratum holds at least one case")
        #expect(count == 20_000)
        #expect(generator.strata.allSatisfy { $0.team.hasPrefix("Team ") && $0.locality.hasPrefix("Locality ") })
        #expect(generator.shape.localities.count == 10)
        let sizes = generator.strata.map(\.caseCount)
        #expect(sizes.max()! > 3 * (20_000 / 250), "a few large strata")
        #expect(sizes.min()! < (20_000 / 250) / 2, "many small ones")
    }

    @Test func theScaledShapeIsDeterministic() throws {
        let a = try RegisterGenerator(seed: 5, caseCount: 2_000, strata: 120).csv()
        let b = try RegisterGenerator(seed: 5, caseCount: 2_000, strata: 120).csv()
        #expect(a == b)
    }

    @Test func caseIDsWidenForLargeRegisters() throws {
        let generator = try RegisterGenerator(seed: 1, caseCount: 300_000, strata: 40)
        var ids = Set<String>()
        var first: String?
        generator.forEachCase { c in
            if first == nil { first = c.caseID }
            ids.insert(c.caseID)
        }
        #expect(ids.count == 300_000)
        #expect(first?.count == 9, "CS and seven digits")
    }
}

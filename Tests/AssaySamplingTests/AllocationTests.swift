@testable import AssaySampling
import AssaySamples
import Testing

@Suite struct AllocationTests {
    func inputs(_ sizes: [(Int, Int)]) -> [AllocationInput] { sizes.map { AllocationInput(population: $0.0, eligible: $0.1) } }

    /// docs/sampling.md worked by hand: base 1,1,1; R = 7; quotas 3.5, 2.1, 1.4 → 3, 2, 1
    /// and the one seat left goes to the largest fraction (.5).
    @Test func largestRemainderByHand() throws {
        #expect(try Allocation.allocate(inputs([(50, 50), (30, 30), (20, 20)]), total: 10, minimum: 1, method: .proportional) == [5, 3, 2])
    }

    @Test func tiesGoToTheEarlierStratum() throws {
        // R = 1 shared equally between two: quotas .5 and .5 → the first.
        #expect(try Allocation.allocate(inputs([(10, 10), (10, 10)]), total: 1, minimum: 0, method: .equal) == [1, 0])
        #expect(try Allocation.allocate(inputs([(10, 10), (10, 10), (10, 10)]), total: 5, minimum: 0, method: .proportional) == [2, 2, 1])
    }

    @Test func aStratumIsCappedAtItsEligibleCasesAndTheExcessSharedAgain() throws {
        // Proportional shares of 20 would be 16 and 4; the first has only 5 eligible.
        #expect(try Allocation.allocate(inputs([(80, 5), (20, 20)]), total: 20, minimum: 0, method: .proportional) == [5, 15])
    }

    @Test func minimumsThatExceedTheTotalAreRefused() {
        #expect(throws: Allocation.Refusal.minimumsExceedTotal(minimums: 3, total: 2)) {
            try Allocation.allocate(inputs([(5, 5), (5, 5), (5, 5)]), total: 2, minimum: 1, method: .proportional)
        }
    }

    @Test func theTotalIsCappedByTheEligibleCases() throws {
        #expect(try Allocation.allocate(inputs([(5, 2), (5, 3)]), total: 100, minimum: 1, method: .proportional) == [2, 3])
    }

    @Test func perStratumTakesKOrAll() {
        #expect(Allocation.perStratum(inputs([(5, 5), (5, 1), (9, 0)]), count: 2) == [2, 1, 0])
    }

    @Test func neymanFavoursStrataWithRatesNearAHalf() throws {
        let strata = [AllocationInput(population: 100, eligible: 100, neymanP: 0.5),
                      AllocationInput(population: 100, eligible: 100, neymanP: 0.05)]
        // weights 100·0.5 = 50 and 100·sqrt(.0475) = 21.79…; quotas of 10: 6.96, 3.04 → 7, 3
        #expect(try Allocation.allocate(strata, total: 10, minimum: 0, method: .neyman) == [7, 3])
    }

    /// docs/sampling.md §5b, worked example: p = 0.3 and 0.7 give equal weights in exact
    /// arithmetic (10·√0.21 each), so the one seat left would go to the earlier stratum;
    /// in binary64 in the documented order 1 − 0.7 is 0.30000000000000004, B's weight is one
    /// ulp larger, and the seat goes to B.
    @Test func neymanWeightsAreBinary64InTheDocumentedOrderSoANearTieIsNoTie() throws {
        let a = AllocationInput(population: 10, eligible: 10, neymanP: 0.3)
        let b = AllocationInput(population: 10, eligible: 10, neymanP: 0.7)
        #expect(try Allocation.allocate([a, b], total: 3, minimum: 1, method: .neyman) == [1, 2])
        #expect(try Allocation.allocate([b, a], total: 3, minimum: 1, method: .neyman) == [2, 1])
    }

    /// Properties over many random frames.
    @Test func propertiesHoldOverRandomFrames() throws {
        var random = SplitMix64(seed: 42)
        for trial in 0..<500 {
            let count = Int.random(in: 1...30, using: &random)
            let strata = (0..<count).map { _ -> AllocationInput in
                let population = Int.random(in: 1...400, using: &random)
                return AllocationInput(population: population, eligible: Int.random(in: 0...population, using: &random))
            }
            let minimum = Int.random(in: 0...3, using: &random)
            let requested = Int.random(in: 1...600, using: &random)
            let method: AllocationMethod = trial % 2 == 0 ? .proportional : .equal
            let eligible = strata.reduce(0) { $0 + $1.eligible }
            let total = min(requested, eligible)
            let minimums = strata.reduce(0) { $0 + min(minimum, $1.eligible) }
            do {
                let n = try Allocation.allocate(strata, total: requested, minimum: minimum, method: method)
                #expect(n.reduce(0, +) == total, "trial \(trial): total")
                for (h, s) in strata.enumerated() {
                    #expect(n[h] >= min(minimum, s.eligible) && n[h] <= s.eligible, "trial \(trial): bounds")
                }
                // Exactness: strata below their cap got floor or ceil of their exact quota of
                // what was left for the uncapped strata.
                let free = strata.indices.filter { n[$0] < strata[$0].eligible && strata[$0].eligible > min(minimum, strata[$0].eligible) }
                let base = strata.map { min(minimum, $0.eligible) }
                let seats = free.reduce(0) { $0 + n[$1] - base[$1] }
                let weights = free.map { method == .equal ? 1 : strata[$0].population }
                let sum = weights.reduce(0, +)
                for (i, h) in free.enumerated() where sum > 0 {
                    let exact = seats * weights[i]
                    let got = (n[h] - base[h]) * sum
                    #expect(got >= exact - sum && got <= exact + sum, "trial \(trial): quota")
                }
            } catch {
                #expect(minimums > total, "trial \(trial): refused only when minimums exceed the total")
            }
        }
    }
}

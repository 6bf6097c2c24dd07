import AssayCore
import Testing

/// Work shared among cores must come back as if done in order.
@Suite struct ParallelTests {
    struct Refusal: Error, Equatable { let index: Int }

    @Test func resultsComeInIndexOrder() {
        let squares = Parallel.map(1_000) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }

    @Test func theFirstErrorByIndexIsThrownOnceAllHaveRun() {
        #expect(throws: Refusal(index: 3)) {
            _ = try Parallel.map(50) { i throws(Refusal) -> Int in
                if i == 3 || i == 40 { throw Refusal(index: i) }
                return i
            }
        }
    }

    @Test func slicesCoverTheRangeInOrderWithoutOverlap() {
        for (range, count) in [(0..<10, 3), (0..<1, 4), (5..<1_000_005, 2), (0..<7, 7), (0..<7, 100), (3..<3, 2)] {
            let slices = Parallel.slices(of: range, count: count)
            #expect(slices.flatMap { Array($0) } == Array(range))
            #expect(slices.count <= count)
            #expect(slices.allSatisfy { !$0.isEmpty })
            let sizes = slices.map(\.count)
            #expect(sizes.dropLast().allSatisfy { $0 == sizes[0] } && (sizes.last ?? 0) <= (sizes.first ?? 0), "\(sizes)")
        }
    }
}

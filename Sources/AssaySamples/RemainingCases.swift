/// How many cases each stratum still has to give, for drawing the next row's stratum in
/// proportion to what is left: every stratum ends with exactly its count, yet the rows come
/// out interleaved as in a real export, and nothing is held but the counts.
///
/// A Fenwick (binary indexed) tree, so each draw costs O(log strata): a million rows over a
/// thousand strata stay fast.
struct RemainingCases {
    private var tree: [Int]  // 1-based partial sums
    private(set) var total: Int

    init(_ counts: [Int]) {
        tree = [0] + counts
        for i in 1..<tree.count {
            let parent = i + (i & -i)
            if parent < tree.count { tree[parent] += tree[i] }
        }
        total = counts.reduce(0, +)
    }

    /// Takes one case from a stratum chosen in proportion to the cases it has left, and
    /// returns the stratum's index.
    mutating func take(using random: inout SplitMix64) -> Int {
        precondition(total > 0, "no cases left")
        var target = random.below(total)
        var position = 0
        var step = 1
        while step * 2 < tree.count { step *= 2 }
        while step > 0 {
            let next = position + step
            if next < tree.count, tree[next] <= target {
                position = next
                target -= tree[next]
            }
            step /= 2
        }
        // `position` is the last index whose prefix sum is <= target: stratum `position`
        // (0-based) holds the target.
        var i = position + 1
        while i < tree.count {
            tree[i] -= 1
            i += i & -i
        }
        total -= 1
        return position
    }
}

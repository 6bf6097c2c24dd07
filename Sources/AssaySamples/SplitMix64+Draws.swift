/// The only ways the generators draw numbers, written out so that every draw is the same on
/// every machine (see `SplitMix64`).
extension SplitMix64 {
    /// A stream for one purpose (the county's structure, the cases), so that changing how one
    /// is drawn does not reshuffle the other.
    static func stream(_ seed: UInt64, _ purpose: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (purpose &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }

    /// A whole number in `0..<bound`, without modulo bias (rejection sampling).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        let n = UInt64(bound)
        let limit = UInt64.max - UInt64.max % n  // the largest multiple of n, exclusive
        while true {
            let x = next()
            if x < limit { return Int(x % n) }
        }
    }

    /// A fraction in `[0, 1)` with 53 random bits: exact, so identical everywhere.
    public mutating func fraction() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True `perMille` times in a thousand.
    mutating func chance(perMille: Int) -> Bool {
        below(1000) < perMille
    }

    /// One of `choices`, each as likely as its weight.
    mutating func pick<T>(_ choices: [(T, Int)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var r = below(total)
        for (choice, weight) in choices {
            if r < weight { return choice }
            r -= weight
        }
        fatalError("unreachable: weights sum to \(total)")
    }
}

extension SplitMix64 {
    /// A draw from (very nearly) the standard normal distribution: the sum of twelve fractions
    /// less six (Irwin–Hall), which has mean 0 and variance 1 and never strays beyond ±6.
    ///
    /// Why not Box–Muller: it needs `log` and `cos`, whose last bits differ between C
    /// libraries, and generated samples must be the same on every machine. Sums of exact
    /// fractions are.
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += fraction() }
        return sum - 6
    }
}

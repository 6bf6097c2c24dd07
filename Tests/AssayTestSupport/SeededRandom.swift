/// Seeded numbers for tests (input mutations, kill moments). The algorithm is AssaySamples'
/// `SplitMix64` (Vigna's), written again here on purpose: a test target that depends on
/// AssaySamples also sees GRDB, whose string-literal types then slow or break type-checking
/// of ordinary string code across the whole target.
public struct SeededRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// A whole number in `0..<bound` (modulo: the small bias does not matter to a test).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

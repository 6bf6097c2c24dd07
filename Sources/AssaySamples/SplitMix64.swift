/// A small seeded random number generator: Vigna's SplitMix64.
///
/// Why our own generator: sample registers are committed to the repository and checked by
/// tests, so the same seed must give the same bytes on every machine, every operating system
/// and every Swift release. The system generator cannot be seeded, and the standard library
/// does not promise that its `random(in:using:)` helpers draw the same way forever, so the
/// generators in this module take their numbers only from here, through the draws in
/// `SplitMix64+Draws.swift`, which use integer arithmetic and exact floating-point operations.
///
/// SplitMix64 is the generator swift-argument-parser's `roll` example uses: one 64-bit
/// state, advanced by a fixed odd constant and scrambled. It is fast and statistically fine
/// for synthetic data; it is not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}

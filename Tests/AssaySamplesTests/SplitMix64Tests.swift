import AssaySamples
import Testing

/// The generator must draw the same numbers everywhere, forever: pin it to the published
/// SplitMix64 reference outputs.
@Test func splitMix64MatchesTheReferenceSequence() {
    var random = SplitMix64(seed: 0)
    #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(random.next() == 0x06C4_5D18_8009_454F)
}

@Test func splitMix64IsSeeded() {
    var a = SplitMix64(seed: 20_261_101), b = SplitMix64(seed: 20_261_101), c = SplitMix64(seed: 20_261_102)
    let first = (0..<8).map { _ in a.next() }
    #expect(first == (0..<8).map { _ in b.next() })
    #expect(first != (0..<8).map { _ in c.next() })
}

@testable import AssaySampling
import AssaySamples
import Testing

/// The draw finds strata by their fields' bytes (`ByteKeyTable`) and copies plain ASCII ids
/// as they stand (`DrawCandidates.isPlainASCII`): both look at 8 bytes at a time, so they
/// are checked at every length around a word against byte-by-byte answers.
@Suite struct ByteKeyTableTests {
    @Test func findsEveryKeyItHoldsAndNoOther() {
        var table = ByteKeyTable()
        var random = SplitMix64(seed: 11)
        var keys: [[UInt8]] = [[]]
        for n in 1..<3_000 { keys.append((0..<(n % 37)).map { _ in UInt8(truncatingIfNeeded: random.next()) }) }
        var seen: [[UInt8]: Int32] = [:]
        for key in keys where seen[key] == nil {
            #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == nil)
            seen[key] = Int32(seen.count)
            key.withUnsafeBufferPointer { table.insert($0, seen[key]!) }
        }
        for (key, value) in seen {
            #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == value)
            let longer = key + [0]
            #expect(longer.withUnsafeBufferPointer { table.value(for: $0) } == seen[longer])
        }
    }

    @Test func plainASCIIIsEveryByteFrom1To127() {
        var random = SplitMix64(seed: 12)
        for length in 0...40 {
            for trial in 0..<60 {
                var bytes = (0..<length).map { _ in UInt8(1 + random.next() % 127) }
                if trial > 0, length > 0 {
                    // One byte out of range, anywhere.
                    bytes[Int(random.next() % UInt64(length))] = [0, 0x80, 0xC3, 0xFF][trial % 4]
                }
                let expected = bytes.allSatisfy { $0 != 0 && $0 < 0x80 }
                #expect(bytes.withUnsafeBufferPointer { DrawCandidates.isPlainASCII($0) } == expected, "\(bytes)")
            }
        }
    }
}

/// Seeded mutations of real inputs for the loaders' property tests (docs/fuzzing.md): byte
/// flips, truncations, inserted quotes, line breaks, NULs and invalid UTF-8, repeated lines
/// (duplicate keys, duplicate rows), deep nesting and huge numbers. The same seed gives the
/// same inputs on every machine, so a failure names an input that can be made again.
public struct InputMutator {
    private var rng: SeededRandom

    /// Pieces the mutations insert: what breaks CSV, YAML and JSON readers.
    public static let tokens: [[UInt8]] = [
        "\"", "\"\"", ",", "\n", "\r", "\r\n", "\0", "\t", " ", "#", ":", ": ", "- ", "? ", "|", ">",
        "[", "]", "{", "}", "&a ", "*a", "!!binary ", "!!str ", "%YAML 1.1\n", "---\n", "...\n", "'",
        "99999999999999999999999999", "-1", "0", "1e309", "-0.0", ".nan", "NaN", "1_000", "0x1F",
        "2026-02-30", "31/12/2026", "é", "\u{FEFF}", "\u{2028}", "\u{85}", "𝄞", "👩‍👧", "null", "~", "true",
        "\\", "\\x00", "\\u", "<<: ", "\u{7F}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xEF, 0xBB, 0xBF], [0x01]]

    public init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    public mutating func int(_ bound: Int) -> Int { rng.below(max(bound, 1)) }
    public mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// `input` changed one to four times.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...int(4) { bytes = mutateOnce(bytes) }
        return bytes
    }

    private mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let at = int(bytes.count + 1)
        switch int(11) {
        case 0 where !bytes.isEmpty:  // flip a bit
            let i = min(at, bytes.count - 1)
            bytes[i] ^= UInt8(1) << UInt8(int(8))
        case 1 where !bytes.isEmpty:  // any byte
            bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: rng.next())
        case 2:  // truncate
            bytes.removeSubrange(at...)
        case 3:  // delete a run
            bytes.removeSubrange(at..<min(bytes.count, at + 1 + int(40)))
        case 4, 5:  // insert a token, sometimes several times
            let token = pick(Self.tokens)
            var run: [UInt8] = []
            for _ in 0..<(chance(20) ? 1 + int(50) : 1) { run += token }
            bytes.insert(contentsOf: run, at: at)
        case 6:  // repeat a line somewhere else: duplicate keys, rows, questions
            let lines = Self.lines(bytes)
            guard !lines.isEmpty else { break }
            let line = Array(bytes[pick(lines)])
            bytes.insert(contentsOf: line, at: pick(lines).lowerBound)
        case 7:  // swap two lines
            let lines = Self.lines(bytes)
            guard lines.count > 1 else { break }
            var order = Array(lines.indices)
            order.swapAt(int(order.count), int(order.count))
            var swapped: [UInt8] = []
            swapped.reserveCapacity(bytes.count)
            for index in order { swapped += bytes[lines[index]] }
            bytes = swapped
        case 8:  // deep nesting, in flow or block style
            let depth = pick([10, 200, 1_500])
            let nest: [UInt8]
            switch int(3) {
            case 0: nest = Array(String(repeating: "[", count: depth).utf8)
            case 1: nest = Array(String(repeating: "{a: ", count: depth).utf8) + Array(String(repeating: "}", count: depth).utf8)
            default: nest = Array((0..<min(depth, 300)).map { String(repeating: " ", count: $0) + "- x:\n" }.joined().utf8)
            }
            bytes.insert(contentsOf: nest, at: at)
        case 9:  // a huge number or a long run of one character
            let run = chance(50) ? String(repeating: "9", count: 1 + int(400)) : String(repeating: pick(["a", " ", ",", "\"", "\n"]), count: 1 + int(5_000))
            bytes.insert(contentsOf: Array(run.utf8), at: at)
        default:  // splice in a piece of the input itself
            guard !bytes.isEmpty else { break }
            let start = int(bytes.count)
            let piece = Array(bytes[start..<min(bytes.count, start + 1 + int(200))])
            bytes.insert(contentsOf: piece, at: min(at, bytes.count))
        }
        return bytes
    }

    /// The ranges of the lines of `bytes`, each with its line break.
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where buffer[i] == 0x0A {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}

/// Case ids like a case-management system's: "CS" and a fixed number of digits, unique, and
/// in no particular order down the file, so that nothing downstream can lean on row order or
/// on ids being sequential.
///
/// Ids are drawn at random from a range at least four times the number of cases (six digits
/// for a county, more for a region), rejecting repeats with a bit set: 1.1 MB for a
/// million-case register, never the rows themselves.
struct CaseIDs {
    let digits: Int
    private let lowest: Int
    private let span: Int
    private var taken: [UInt64]
    private var random: SplitMix64

    init(caseCount: Int, random: SplitMix64) {
        var digits = 6
        while 9 * Self.power(of: 10, digits - 1) < 4 * caseCount { digits += 1 }
        self.digits = digits
        lowest = Self.power(of: 10, digits - 1)
        span = 9 * lowest
        taken = Array(repeating: 0, count: span / 64 + 1)
        self.random = random
    }

    mutating func next() -> String {
        while true {
            let n = random.below(span)
            let (word, bit) = (n / 64, UInt64(1) << UInt64(n % 64))
            guard taken[word] & bit == 0 else { continue }
            taken[word] |= bit
            return "CS" + String(lowest + n)
        }
    }

    private static func power(of base: Int, _ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { product, _ in product * base }
    }
}

/// Invented names for social workers, made by pairing a short list of first names with a
/// short list of surnames: plausible enough to read like a register, and clearly synthetic.
/// No name belongs to a real person on purpose, and registers carry no children's names.
///
/// Names are unique across the register, so a worker's caseload means one person. When a
/// region needs more workers than the pairs allow, a middle initial and then a second
/// surname widen the space.
struct WorkerNames {
    private var random: SplitMix64
    private var used: Set<Int> = []  // membership only; never iterated into output
    /// 0: "First Surname"; 1: with a middle initial; 2: also a double-barrelled surname.
    private let level: Int

    init(expectedCount: Int, random: SplitMix64) {
        self.random = random
        // The first level with room to spare, so drawing without repeats stays quick.
        level = (0...2).first { expectedCount * 3 <= Self.space($0) } ?? 2
        precondition(expectedCount * 3 <= Self.space(level) * 2, "too many workers for the invented names")
    }

    private static func space(_ level: Int) -> Int {
        let pairs = firstNames.count * surnames.count
        return [pairs, pairs * 26, pairs * 26 * surnames.count][level]
    }

    /// A name not given out before.
    mutating func next() -> String {
        while true {
            let n = random.below(Self.space(level))
            guard used.insert(n).inserted else { continue }
            let first = Self.firstNames[n % Self.firstNames.count]
            var rest = n / Self.firstNames.count
            let surname = Self.surnames[rest % Self.surnames.count]
            rest /= Self.surnames.count
            if level == 0 { return first + " " + surname }
            let initial = String(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(rest % 26))))
            rest /= 26
            if level == 1 { return first + " " + initial + ". " + surname }
            let second = Self.surnames[rest]
            if second == surname { continue }  // "Hollis-Hollis" reads like a typo
            return first + " " + initial + ". " + surname + "-" + second
        }
    }

    /// Workers whose names need CSV quoting: a nickname in double quotes, and a name written
    /// surname first with a comma, as some systems export agency staff. Their surnames are
    /// not in `surnames`, so they never collide with generated names.
    static let quotedNickname = "Robin \"Bobbie\" Ashdown"
    static let surnameFirst = "Quillfeather, Sam (agency)"

    static let firstNames = [
        "Alex", "Amara", "Bea", "Callum", "Dev", "Elif", "Femi", "Gwen", "Hamza", "Isla",
        "Jude", "Kasia", "Lorne", "Maya", "Niamh", "Oren", "Priya", "Quinn", "Rhiannon", "Sol",
        "Tomasz", "Una", "Vik", "Wren", "Yusuf", "Zara", "Ade", "Bryony", "Cerys", "Dara",
    ]

    static let surnames = [
        "Ambleside", "Birchall", "Carrow", "Dunmore", "Elsworth", "Fenwick", "Garside", "Hollis",
        "Ingleby", "Jessop", "Kettering", "Lowther", "Marchbank", "Netherby", "Orchard", "Pennock",
        "Quarry", "Rookwood", "Saltash", "Thistlewood", "Underhill", "Varley", "Whitcombe", "Yardley",
        "Ashgrove", "Brackley", "Colley", "Dimmock", "Eastwood", "Farrant",
    ]
}

import AssayCore

/// How long ago cases of each service were opened, so that the dates look like a real
/// register: contacts at the front door are days old, assessments weeks, child protection
/// plans months, and children in care may have been in care for many years.
extension Service {
    /// Days before the as-of date: the range, and whether recent dates are more likely.
    var openedDaysAgo: (range: ClosedRange<Int>, skewedRecent: Bool) {
        switch self {
        case .frontDoor: (0...28, false)
        case .assessment: (0...75, false)
        case .childInNeed: (14...1_460, true)
        case .childProtection: (7...900, true)
        case .childInCare: (30...5_400, false)
        case .careLeaver: (0...2_500, false)
        case .disabledChildren: (30...4_300, false)
        case .earlyHelp: (0...540, true)
        }
    }

    /// A date the case was opened, on or before `asOf` (and never before the year 1).
    func openedDate(before asOf: CalendarDate, using random: inout SplitMix64) -> CalendarDate {
        let (range, skewed) = openedDaysAgo
        let u = random.fraction()
        let share = skewed ? u * u : u
        let daysAgo = range.lowerBound + Int(share * Double(range.upperBound - range.lowerBound + 1))
        let asOfDay = DayNumber.of(asOf)
        return DayNumber.date(max(DayNumber.first, asOfDay - daysAgo))
    }

    /// The primary need recorded (Children in Need census codes N1–N9), with weights; an
    /// empty string where none is recorded yet (contacts, early help).
    var primaryNeedMix: [(String, Int)] {
        let n = PrimaryNeed.self
        switch self {
        case .frontDoor:
            return [("", 40), (n.n1, 21), (n.n4, 12), (n.n5, 12), (n.n3, 6), (n.n6, 3), (n.n9, 6)]
        case .assessment:
            return [(n.n1, 40), (n.n4, 15), (n.n5, 15), (n.n3, 8), (n.n2, 4), (n.n6, 6), (n.n7, 2), (n.n8, 3), (n.n9, 7)]
        case .childInNeed:
            return [(n.n1, 35), (n.n4, 18), (n.n5, 18), (n.n3, 10), (n.n2, 5), (n.n6, 6), (n.n7, 3), (n.n8, 3), (n.n9, 2)]
        case .childProtection:
            return [(n.n1, 85), (n.n5, 8), (n.n4, 4), (n.n3, 3)]
        case .childInCare:
            return [(n.n1, 62), (n.n8, 12), (n.n5, 10), (n.n4, 6), (n.n2, 4), (n.n6, 4), (n.n3, 2)]
        case .careLeaver:
            return [(n.n1, 55), (n.n8, 20), (n.n5, 10), (n.n6, 8), (n.n4, 7)]
        case .disabledChildren:
            return [(n.n2, 88), (n.n1, 6), (n.n3, 3), (n.n4, 3)]
        case .earlyHelp:
            return [("", 30), (n.n9, 40), (n.n4, 15), (n.n5, 15)]
        }
    }

    /// The legal basis on which a child is looked after, with weights; only children in care
    /// have one. Codes as case-management systems export them: S20 (accommodated with
    /// consent, Children Act 1989 s.20), C1 (interim care order), C2 (full care order),
    /// E1 (placement order).
    var legalStatusMix: [(String, Int)] {
        self == .childInCare ? [("C2", 55), ("S20", 22), ("C1", 12), ("E1", 11)] : [("", 1)]
    }
}

/// The Children in Need census's primary need codes, as exports write them: code and name.
enum PrimaryNeed {
    static let n1 = "N1 Abuse or neglect"
    static let n2 = "N2 Child's disability"
    static let n3 = "N3 Parental illness or disability"
    static let n4 = "N4 Family in acute stress"
    static let n5 = "N5 Family dysfunction"
    static let n6 = "N6 Socially unacceptable behaviour"
    static let n7 = "N7 Low income"
    static let n8 = "N8 Absent parenting"
    static let n9 = "N9 Cases other than children in need"
    static let all = [n1, n2, n3, n4, n5, n6, n7, n8, n9]
}

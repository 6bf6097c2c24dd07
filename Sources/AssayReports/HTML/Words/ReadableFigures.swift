import AssayCore
import Foundation

/// Figures as the report's readers read them: leaders, scrutiny members and inspectors, not
/// statisticians (docs/reports.md, "`report html`", "Numbers for people").
///
/// - **Whole-number percentages.** "6.6%" claims a precision that 665 audits do not have,
///   and invites a reader to check it against "44 of 665" to the decimal. JSON and CSV keep
///   full precision.
/// - **Counts, not percentages, under ten audits.** "36.6%" from 1 of 3 audits looks as firm
///   as a figure from 600; "1 of 3" says what is known.
/// - **"under 1%"**, never "0%", for a figure above nought that rounds to it, so an interval
///   after an inadequate case never reads as if none had been found.
enum ReadableFigures {
    /// Fewer audits than this: a share is written as a count ("1 of 3"), as in every report
    /// for people (`ShareText`).
    static let countsBelow = ShareText.fewestForPercent
    /// Fewer audits than this: a heat-map cell is thin, marked apart (and a count).
    static let thinBelow = 5

    /// "7%": a fraction as a whole-number percentage, "under 1%" above 0 and below half a
    /// percent, "over 99%" below 1 and above 99.5%.
    static func percent(_ rate: Double) -> String {
        if rate > 0 && rate < 0.005 { return "under 1%" }
        if rate < 1 && rate >= 0.995 { return "over 99%" }
        return "\(Int((rate * 100).rounded()))%"
    }

    /// "7%" or, for tables, "<1%" and ">99%" (narrow columns), as the listings write them.
    static func percentCell(_ rate: Double) -> String { ShareText.percent(rate) }

    /// A share of audits for a sentence: "1 of 3" under ten audits, else "24% (9 of 38)"
    /// when `withCounts`, else "24%".
    static func share(_ k: Int, of n: Int, withCounts: Bool = true) -> String {
        guard n >= countsBelow else { return "\(k) of \(n)" }
        let rate = percent(Double(k) / Double(n))
        return withCounts ? "\(rate) (\(k) of \(n))" : rate
    }

    /// A share of audits for a table cell: "1 of 3" under ten audits, else "24%".
    static func shareCell(_ k: Int, of n: Int) -> String {
        n >= countsBelow ? percentCell(Double(k) / Double(n)) : "\(k) of \(n)"
    }

    /// A rate for a table cell: the percentage from ten audits on, else the counts.
    static func rateCell(_ rate: Double, inadequate k: Int, audited n: Int) -> String {
        n >= countsBelow ? percentCell(rate) : "\(k) of \(n)"
    }

    /// "from 5% to 9%": a 95% interval in words.
    static func interval(_ low: Double, _ high: Double) -> String {
        "from \(percent(low)) to \(percent(high))"
    }

    /// "5% to 9%": an interval for a table cell, as the listings write it.
    static func intervalCell(_ low: Double, _ high: Double) -> String { ShareText.interval(low, high) }

    /// "1 audit", "3 audits".
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                             "November", "December"]

    /// "November 2026".
    static func month(_ month: Month) -> String { "\(monthNames[month.month - 1]) \(month.year)" }

    /// "December 2025 to November 2026", or one month's name.
    static func months(_ from: Month, _ to: Month) -> String {
        from == to ? month(from) : "\(month(from)) to \(month(to))"
    }

    /// "Dec 2025 to May 2026": months in short, for tables.
    static func shortMonths(_ from: Month, _ to: Month) -> String {
        from == to ? SVG.monthLabel(from) : "\(SVG.monthLabel(from)) to \(SVG.monthLabel(to))"
    }

    /// "15 November 2026".
    static func date(_ date: CalendarDate) -> String { "\(date.day) \(monthNames[date.month - 1]) \(date.year)" }

    /// "one", "two" … "ten", then digits: small counts in running text.
    static func words(_ n: Int) -> String {
        let names = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return n >= 0 && n < names.count ? names[n] : String(n)
    }

    /// An expected count of chance events, as the funnel's own note writes it
    /// (`FunnelReport.chanceNote`): "about 0.8", "about 0.03", "about 2.5", "about 12".
    static func expected(_ value: Double) -> String {
        guard value >= 0.01 else { return "under 0.01" }
        let digits = value < 0.1 ? 2 : value < 10 ? 1 : 0
        return "about " + String(format: "%.\(digits)f", value)
    }
}

import Foundation

/// How the reports write a share for people: tables at a terminal, Markdown for papers, the
/// team page (docs/reports.md, "Numbers for people"). JSON and CSV keep full precision.
///
/// Small counts as counts: 33% of 3 audits looks as sure as 33% of 300, so under
/// `fewestForPercent` audits a share is written "1 of 3" and never as a percentage.
/// Percentages are whole numbers, since a tenth of a point is never what a reader of 60
/// audits can act on. A figure that is not 0 but rounds to it is "<1%" (and one short of all
/// that rounds to all, ">99%"): an interval from 0.2% is not one from 0, and should not say so.
public enum ShareText {
    /// Fewer audits than this: the count, not a percentage.
    public static let fewestForPercent = 10

    /// "1 of 3" under ten audits, else the whole percentage of k in n ("23%").
    public static func share(_ k: Int, of n: Int) -> String {
        n < fewestForPercent || n == 0 ? "\(k) of \(n)" : percent(Double(k) / Double(n))
    }

    /// A weighted rate beside its raw counts: its percentage, or the counts ("1 of 3") when
    /// there are fewer than ten audits.
    public static func rate(_ rate: Double, inadequate k: Int, audited n: Int) -> String {
        n < fewestForPercent ? "\(k) of \(n)" : percent(rate)
    }

    /// "18 of 60 (30%)", or "1 of 3" under ten audits: a count and, when there are enough
    /// audits, its share.
    public static func counted(_ k: Int, of n: Int) -> String {
        n < fewestForPercent ? "\(k) of \(n)" : "\(k) of \(n) (\(percent(Double(k) / Double(n))))"
    }

    /// A fraction as a whole percentage: "23%", "0%", "100%"; "<1%" above 0 and ">99%" below 1
    /// where rounding would say 0 or 100.
    public static func percent(_ x: Double) -> String {
        let whole = (x * 100).rounded()
        if whole == 0 && x > 0 { return "<1%" }
        if whole == 100 && x < 1 { return ">99%" }
        return String(Int(whole)) + "%"
    }

    /// A 95% interval, "2% to 23%".
    public static func interval(_ low: Double, _ high: Double) -> String {
        percent(low) + " to " + percent(high)
    }
}

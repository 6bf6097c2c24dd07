/// "How to read the figures": the page's rules said once, in words, before any method name
/// (which comes after, in brackets, for those who want to look it up in docs/statistics.md).
enum ReadingGuide {
    static func render(_ report: HTMLReport) -> String {
        var items: [(String, String)] = []
        let example = report.headline.map { e in
            "That is why the headline's \(ReadableFigures.percent(e.rate)) need not equal \(e.inadequate) ÷ \(e.audited)."
        } ?? ""
        items.append(("Weighted rates and plain counts",
                      "A rate with an interval (the headline, the rates tables, the team charts) is weighted for how cases were drawn: each month's "
                        + "sample takes a larger share of a small team's cases than of a large one's, so each audit stands for the open cases of the "
                        + "team and locality it was drawn from. \(example) The funnel plots, the month-by-month chart of the authority, the direction "
                        + "of travel and the domains count audits as they are (k of n)."))
        let interval = report.headline.map { "\"Most likely \(ReadableFigures.interval($0.ciLow, $0.ciHigh))\"" } ?? "\"Most likely from … to …\""
        items.append(("Intervals",
                      "\(interval) is a 95% interval: the audits are a sample of the cases, and the share for all the cases most "
                        + "likely lies in that range. The fewer the audits, the wider it is. It can start at under 1%, in effect at nought, even when "
                        + "an audit found an inadequate case: one such case among a few audits (fewer still in effect once they are weighted unequally) "
                        + "cannot rule out that such cases are rare. (Korn and Graubard's interval for survey samples.)"))
        items.append(("Small numbers",
                      "Under \(ReadableFigures.countsBelow) audits a share is written as the counts (\"1 of 3\"), never as a percentage, and "
                        + "percentages are whole numbers. In the domains table a cell of fewer than \(ReadableFigures.thinBelow) audits is thin: "
                        + "hatched, starred and not shaded by its share."))
        items.append(("Standing out",
                      "A team or locality is above its limits when more of its audits were judged inadequate than chance explains for its number "
                        + "of audits, set against the authority's share; below them when fewer. Chance alone would put 1 group in 20 outside the "
                        + "95% limits and about 1 in 500 outside the 99.8% limits, so a flag is a reason to look, not a verdict. (Funnel plot with "
                        + "exact binomial limits, Spiegelhalter 2005.)"))
        items.append(("Direction of travel",
                      "Improving: the share judged inadequate fell across the months more steadily than chance would produce; worsening: it rose "
                        + "so; no clear change: the months moved up and down no more than chance explains, which is not proof that nothing changed. "
                        + "It is read over the last \(DirectionOfTravel.yearMonths) months and over \(DirectionOfTravel.longerMonths) months "
                        + "(or all the history there is, when shorter). (Cochran–Armitage test for trend, p < 0.05.)"))
        items.append(("Weakest domains",
                      "A domain (a section of the audit form) is ranked among the weakest only when at least \(report.weakest.minimum) audits "
                        + "of the window graded it: a share of a few dozen audits can top the list by chance. The others are shown apart."))
        var out = "<dl class=\"guide\">\n"
        for (term, text) in items { out += "<dt>\(HTML.escape(term))</dt><dd>\(HTML.escape(text))</dd>\n" }
        return out + "</dl>\n"
    }
}

/// Benjamini–Hochberg adjusted p-values, for a table that tests many groups at once.
///
/// A table of twenty teams, each with its own trend test at 5%, will show about one
/// "worsening" team by chance alone in a year when nothing changed. The adjusted p-value
/// beside each raw one controls the false discovery rate across the table: of the teams
/// whose adjusted p is below 0.05, at most 5% are expected to be false alarms.
///
/// With m p-values in increasing order p₍₁₎ ≤ … ≤ p₍ₘ₎,
///
///     p̃₍ᵢ₎ = min(1, min_{j ≥ i} m·p₍ⱼ₎ / j)
///
/// Y. Benjamini & Y. Hochberg (1995), "Controlling the false discovery rate: a practical
/// and powerful approach to multiple testing", *JRSS B* 57(1), 289–300. This is R's
/// `p.adjust(p, method = "BH")`, operation for operation (m / i is formed first, then
/// multiplied by p), so the results agree with R's to the last bit.
public enum BenjaminiHochberg {
    /// The adjusted p-values, in the order given. A nil p-value (a degenerate test) is
    /// left out of the adjustment, so m counts only the tests that were run, and stays
    /// nil, as R's `p.adjust` treats NA. With one p-value or none, nothing changes.
    public static func adjust(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.indices.compactMap { i in pValues[i].map { (index: i, p: $0) } }
        let m = present.count
        guard m > 1 else { return pValues }
        // Largest first, as R's order(p, decreasing = TRUE); ties get the same value
        // whatever their order, because of the running minimum.
        let descending = present.sorted { $0.p > $1.p }
        var adjusted = pValues
        var running = Double.infinity
        for (offset, entry) in descending.enumerated() {
            let rank = m - offset
            running = min(running, Double(m) / Double(rank) * entry.p)
            adjusted[entry.index] = min(1, running)
        }
        return adjusted
    }
}

import AssayCore

extension SampleSizePlan {
    /// Audits needed in each of two periods (or teams) to detect that the inadequate rate
    /// moved from `p1` to `p2`, rounded up.
    ///
    /// The two-sided two-proportion z-test without continuity correction, the formula R's
    /// `power.prop.test` solves (Fleiss, Levin & Paik 2003, §4.2):
    /// n = (z₁₋α/₂·√((p₁ + p₂)(q₁ + q₂)/2) + z_power·√(p₁q₁ + p₂q₂))² / (p₁ − p₂)².
    /// It answers "could our audits even show the improvement we are promising?" before a
    /// service commits to a target.
    ///
    /// - Parameters:
    ///   - p1: the inadequate rate now (the first value of `--detect P1,P2`), in (0, 1).
    ///   - p2: the rate to detect (the second value of `--detect`), in (0, 1), not `p1`.
    ///   - power: the chance of detecting a real change of that size (`--power`), in (0, 1).
    ///   - alpha: the two-sided significance level (`--alpha`), in (0, 1).
    public static func auditsToDetect(from p1: Double, to p2: Double, power: Double = 0.8,
                                      alpha: Double = 0.05) throws -> Int {
        let n = try auditsToDetectUnrounded(from: p1, to: p2, power: power, alpha: alpha)
        return try roundedUp(n, what: "detect")
    }

    /// The same n before rounding up: what `power.prop.test(p1, p2, power, sig.level)$n`
    /// reports, so a plan can be checked against R to the decimal.
    public static func auditsToDetectUnrounded(from p1: Double, to p2: Double, power: Double = 0.8,
                                               alpha: Double = 0.05) throws -> Double {
        try requireProportion(p1, argument: "detect", meaning: "the inadequate rate now (the change's first value)")
        try requireProportion(p2, argument: "detect", meaning: "the inadequate rate to detect (the change's second value)")
        guard p1 != p2 else { throw StatisticsError.sameRates(p1, p2) }
        try requireProportion(power, argument: "power", meaning: "the chance of detecting the change")
        try requireProportion(alpha, argument: "alpha", meaning: "the significance level")

        let q1 = 1 - p1, q2 = 1 - p2
        let zAlpha = NormalDistribution.upperQuantile(alpha / 2)
        let zPower = NormalDistribution.quantile(power)
        let root = zAlpha * ((p1 + p2) * (q1 + q2) / 2).squareRoot()
            + zPower * (p1 * q1 + p2 * q2).squareRoot()
        let difference = p1 - p2
        return root * root / (difference * difference)
    }

    /// Whole months of auditing at `perMonth` audits a month needed to reach `auditsNeeded`
    /// (for instance the per-period n from `auditsToDetect`), rounded up: a change that needs
    /// 250 audits cannot be shown by a service auditing 40 a month in less than 7 months.
    ///
    /// nil when `perMonth` is 0 or less: the change is never detectable at that rate.
    public static func monthsToDetect(auditsNeeded: Int, perMonth: Int) -> Int? {
        guard perMonth > 0 else { return nil }
        guard auditsNeeded > 0 else { return 0 }
        return auditsNeeded / perMonth + (auditsNeeded % perMonth == 0 ? 0 : 1)
    }
}

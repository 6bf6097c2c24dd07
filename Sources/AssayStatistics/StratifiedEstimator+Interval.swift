extension StratifiedEstimator {
    /// The confidence interval for a domain's rate, by the first rule that applies:
    ///
    /// 1. `census`: every stratum of the domain was audited whole. There is no sampling
    ///    error, so the interval is the rate. (R's `svyciprop` returns qbeta(·, ∞, ∞) = ½
    ///    for both limits here, whatever the rate.) This comes first: a census that found
    ///    no inadequate case has found the rate 0 exactly.
    /// 2. `clopper-pearson`: the estimated variance is 0 although a stratum was sampled:
    ///    a rate of 0 or 1, or every sampled stratum's audits alike. The variance estimator
    ///    has nothing to go on, so the effective sample size is taken to be the n audits
    ///    themselves (Korn & Graubard 1998 cap the effective sample size at n; here it
    ///    replaces an infinite one). At a rate of 0 or 1 the interval is exactly the
    ///    Clopper–Pearson interval on the raw counts (R's `binom.test(k, n)`); R's
    ///    `svyciprop` returns NaN (0/0) there, and ½ and ½ otherwise.
    /// 3. `korn-graubard-nodf`: the domain has no degrees of freedom (each of its strata
    ///    holds one of its audits), where R's factor divides by qt(α/2, 0) = NaN: the
    ///    beta interval without that factor.
    /// 4. `korn-graubard`: R's `svyciprop(method = "beta")` (Korn & Graubard 1998).
    ///
    /// Rules 2–4 share the beta interval of Korn and Graubard, which is Clopper–Pearson's
    /// with the audits n replaced by an effective sample size n* that carries the design:
    /// [B⁻¹(α/2; n*p, n*(1 − p) + 1), B⁻¹(1 − α/2; n*p + 1, n*(1 − p))].
    ///
    /// `tQuantile(p, df)` is `StudentT.quantile`, or a memo of it when many domains are
    /// estimated at once (the same value either way).
    static func interval(for domain: DomainTotals, level: Double,
                         tQuantile: (Double, Double) -> Double = { StudentT.quantile($0, degreesOfFreedom: $1) }) -> RateEstimate {
        let p = domain.rate
        let n = Double(domain.audited)
        let method: IntervalMethod
        let effectiveSampleSize: Double?
        if domain.isCensus {
            method = .census
            effectiveSampleSize = nil
        } else if domain.varianceIsZero {
            method = .clopperPearson
            effectiveSampleSize = n
        } else if domain.degreesOfFreedom == 0 {
            method = .kornGraubardNoDF
            effectiveSampleSize = p * (1 - p) / domain.variance
        } else {
            method = .kornGraubard
            // (t_{n−1} / t_df)², as svyciprop computes it: with all strata but one lonely the
            // degrees of freedom are few and the interval widens.
            let alpha = 1 - level
            let ratio = tQuantile(alpha / 2, n - 1) / tQuantile(alpha / 2, Double(domain.degreesOfFreedom))
            effectiveSampleSize = p * (1 - p) / domain.variance * ratio * ratio
        }

        var low = p, high = p
        if let nStar = effectiveSampleSize {
            (low, high) = betaInterval(rate: p, effectiveSampleSize: nStar, level: level)
        }
        return RateEstimate(
            audited: domain.audited, inadequate: domain.inadequate, rate: p,
            standardError: domain.variance.squareRoot(), degreesOfFreedom: domain.degreesOfFreedom,
            effectiveSampleSize: effectiveSampleSize, level: level, ciLow: low, ciHigh: high, ciMethod: method)
    }

    /// [B⁻¹(α/2; n*p, n*(1 − p) + 1), B⁻¹(1 − α/2; n*p + 1, n*(1 − p))], with α = 1 − level
    /// formed as R forms it. At p = 0 the lower limit is 0 (a beta with first shape 0 is a
    /// point mass at 0) and at p = 1 the upper limit is 1.
    static func betaInterval(rate p: Double, effectiveSampleSize nStar: Double, level: Double) -> (Double, Double) {
        let alpha = 1 - level
        let low = p == 0 ? 0 : BetaDistribution.quantile(alpha / 2, a: nStar * p, b: nStar * (1 - p) + 1)
        let high = p == 1 ? 1 : BetaDistribution.quantile(1 - alpha / 2, a: nStar * p + 1, b: nStar * (1 - p))
        return (low, high)
    }
}

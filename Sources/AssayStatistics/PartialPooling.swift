/// Partially pooled team rates: beta-binomial empirical Bayes by the method of moments,
/// shrinking each team's own rate towards the authority rate.
///
/// A team with 4 audits and 2 inadequate has an own rate of 50%, which says little: half
/// of the next four could easily be fine. The partially pooled estimate borrows strength
/// from the other teams. It moves a small team most of the way to the authority rate and
/// a large one hardly at all, by as much as the teams' real differences (as against their
/// sampling noise) warrant. It is shown beside the team's own rate, never instead of it.
///
/// **Model.** Team i's true rate θ_i is drawn from a beta distribution with mean μ and
/// intra-team correlation ρ = 1/(a + b + 1) (between-team variance τ² = ρ·μ(1 − μ)), and
/// its inadequate count k_i is binomial(n_i, θ_i) given θ_i.
///
/// **Estimator.** μ is the authority rate p̄ = Σk_i / N, N = Σn_i (the pooled rate is
/// the natural centre for "towards the authority rate", and the weight-n_i moment
/// estimate of μ). ρ is the moment estimator of J. C. Kleinman (1973), "Proportions with
/// extraneous variance: single and independent samples", *JASA* 68(341), 46–54, with
/// weights w_i = n_i and no iteration: equate the weighted sum of squares
/// S = Σ n_i (y_i − p̄)² to its expectation under the model,
/// E[S] = μ(1 − μ)·[(I − 1) + ρ·(N − Σn_i²/N − (I − 1))], with μ(1 − μ) ≈ p̄(1 − p̄):
///
///     ρ̂ = (S − (I − 1)·p̄(1 − p̄)) / (p̄(1 − p̄)·(N − Σn_i²/N − (I − 1)))
///
/// The prior's weight in audits is M = 1/ρ̂ − 1 = (1 − ρ̂)/ρ̂, and team i's estimate is
/// the posterior mean
///
///     θ̃_i = (k_i + M·p̄) / (n_i + M) = B_i·p̄ + (1 − B_i)·y_i,   B_i = M / (M + n_i).
///
/// **Edges.**
/// - ρ̂ ≤ 0 (teams vary no more than binomial chance explains): **full pooling**, every
///   θ̃_i = p̄, B_i = 1 (M is infinite).
/// - ρ̂ ≥ 1 (teams differ so much that their rates are all 0 or 1): **no pooling**,
///   θ̃_i = y_i, B_i = 0.
/// - p̄ at 0 or 1, fewer than two teams with audits, or every team with exactly one
///   audit (N − Σn_i²/N − (I − 1) = 0: nothing separates within- from between-team
///   variation): full pooling, with ρ̂ nil.
/// - Teams without audits have no rate and are left out.
///
/// Efron & Morris's (1975) unweighted moments would give small teams' noisy rates the same
/// weight as large teams' in estimating τ²; with team sizes from 1 to 100 audits the
/// n-weighted estimator is the steadier one.
public struct PartialPooling: Sendable, Equatable {
    /// One team's own and pooled rates.
    public struct Team: Sendable, Equatable {
        public let label: String
        public let inadequate: Int
        public let audits: Int
        /// The team's own rate, inadequate / audits.
        public let rate: Double
        /// θ̃, the partially pooled estimate.
        public let pooled: Double
        /// B, the weight on the authority rate (0: own rate; 1: authority rate).
        public let shrinkage: Double
    }

    /// p̄ = Σk / Σn, the rate the teams are pooled towards.
    public let target: Double
    /// ρ̂ as estimated, before the edges are applied (it may be negative); nil when it
    /// cannot be estimated.
    public let intraclassCorrelation: Double?
    /// M, the prior's weight in audits: nil for full pooling (M infinite), 0 for none.
    public let priorAudits: Double?
    /// τ̂ = √(max(0, ρ̂)·p̄(1 − p̄)), the estimated spread of true team rates.
    public let betweenTeamSD: Double
    /// The teams with audits, in the order given.
    public let teams: [Team]

    /// Pools the groups with audits towards their pooled rate. Nil when none has audits.
    public init?(groups: [GroupCount]) {
        let used = groups.filter { $0.audits > 0 }
        guard !used.isEmpty else { return nil }
        let count = used.count
        let total = Double(used.reduce(0) { $0 + $1.audits })
        let pBar = Double(used.reduce(0) { $0 + $1.inadequate }) / total
        let variance = pBar * (1 - pBar)
        target = pBar

        var rho: Double?
        if count >= 2 && variance > 0 {
            let squares = used.reduce(0.0) { sum, g in
                let y = Double(g.inadequate) / Double(g.audits)
                return sum + Double(g.audits) * (y - pBar) * (y - pBar)
            }
            let sizeSquares = used.reduce(0.0) { $0 + Double($1.audits) * Double($1.audits) }
            let effective = total - sizeSquares / total - Double(count - 1)
            if effective > 0 {
                rho = (squares - Double(count - 1) * variance) / (variance * effective)
            }
        }
        intraclassCorrelation = rho
        betweenTeamSD = (max(0, rho ?? 0) * variance).squareRoot()

        let prior: Double?   // nil: full pooling
        if let rho, rho > 0 {
            prior = rho >= 1 ? 0 : (1 - rho) / rho
        } else {
            prior = nil
        }
        priorAudits = prior
        teams = used.map { g in
            let y = Double(g.inadequate) / Double(g.audits)
            let n = Double(g.audits)
            let pooled: Double, shrinkage: Double
            if let prior {
                pooled = (Double(g.inadequate) + prior * pBar) / (n + prior)
                shrinkage = prior / (prior + n)
            } else {
                pooled = pBar
                shrinkage = 1
            }
            return Team(label: g.label, inadequate: g.inadequate, audits: g.audits, rate: y,
                        pooled: pooled, shrinkage: shrinkage)
        }
    }
}

import AssayCore

/// The grades Assay suggests from an audit's answers (docs/templates.md, "Suggested grades").
///
/// A section's grade is the weighted mean of its answered grade questions, rounded to the
/// nearest grade with halves going to the worse grade (the higher number): an audit that
/// sits exactly between good and requires improvement is not rounded up to good. The
/// overall suggestion is the same mean over every answered grade question, then no better
/// than any answered question marked `limits_overall`. Other kinds never enter the mean.
public struct SuggestedGrades: Sendable, Equatable {
    /// Section id → suggested grade (nil when no grade question in it was answered).
    public let sections: [String: Grade]
    public let overall: Grade?
    /// Limiting questions that made the overall worse than the mean.
    public let limitedBy: [String]

    public init(template: AuditTemplate, answers: [String: Grade]) {
        var sections: [String: Grade] = [:]
        var allPairs: [(Grade, Double)] = []
        for section in template.sections {
            let pairs = section.questions.compactMap { q in q.kind == .grade ? answers[q.id].map { ($0, q.weight) } : nil }
            allPairs += pairs
            if let grade = Self.weightedGrade(pairs) { sections[section.id] = grade }
        }
        self.sections = sections
        guard var overall = Self.weightedGrade(allPairs) else {
            overall = nil
            limitedBy = []
            return
        }
        var limiting: [String] = []
        for q in template.questions where q.limitsOverall {
            if let answer = answers[q.id], answer > overall {
                limiting.append(q.id)
            }
        }
        let worst = template.questions.filter(\.limitsOverall).compactMap { answers[$0.id] }.max()
        if let worst, worst > overall { overall = worst }
        self.overall = overall
        self.limitedBy = limiting
    }

    /// Weighted mean rounded half to the worse grade.
    static func weightedGrade(_ pairs: [(Grade, Double)]) -> Grade? {
        let total = pairs.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        let mean = pairs.reduce(0) { $0 + Double($1.0.rawValue) * $1.1 } / total
        // floor(mean + 0.5) sends exact halves up (worse); the tolerance keeps a half that
        // binary floating point computed as 2.4999999999 a half.
        let rounded = Int((mean + 0.5 + 1e-9).rounded(.down))
        return Grade(rawValue: min(4, max(1, rounded)))
    }
}

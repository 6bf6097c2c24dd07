import AssayCore
import AssayTemplates

/// Answers one case's questions, one at a time, from the case's underlying quality and its
/// own random stream (see `AuditAnswersGenerator` for the model and why).
struct CaseAnswerer {
    let template: AuditTemplate
    let service: Service
    let asOf: CalendarDate
    var random: SplitMix64

    var child: String { AnswerWording.child(service) }

    /// The answer to `question`, or nil when the auditor passed over an optional question.
    mutating func answer(_ question: TemplateQuestion, quality: Double) -> GeneratedAudit.Entry? {
        if !question.required && !random.chance(perMille: 650) { return nil }
        switch question.kind {
        case .grade:
            let grade = AuditAnswersGenerator.nearest(quality + (question.limitsOverall ? 0.4 : 0.45) * random.normal())
            let evidenceChance = [350, 250, 450, 650][grade.rawValue - 1]
            let evidence = random.chance(perMille: evidenceChance) ? note(AnswerWording.evidence(for: grade)) : nil
            return entry(question, grade.name, evidence: evidence)
        case .yesNo:
            return compliance(question, quality: quality)
        case .choice:
            return entry(question, choice(question, quality: quality))
        case .number:
            return entry(question, String(count(quality: quality)))
        case .date:
            let spread = Int(20 + 40 * max(0, quality - 1.5))
            let days = min(1 + random.below(spread), lookbackDays)
            return entry(question, DayNumber.date(DayNumber.of(asOf) - days).description)
        case .text:
            return entry(question, note(AnswerWording.evidence(for: AuditAnswersGenerator.nearest(quality))))
        }
    }

    private func entry(_ question: TemplateQuestion, _ value: String, evidence: String? = nil, reason: String? = nil) -> GeneratedAudit.Entry {
        GeneratedAudit.Entry(questionID: question.id, value: value, evidence: evidence, reason: reason)
    }

    /// Yes, no or na. "If …" / "Where …" questions often did not arise (less often in child
    /// protection, where strategy discussions and conferences are the work itself).
    private mutating func compliance(_ question: TemplateQuestion, quality: Double) -> GeneratedAudit.Entry {
        let prompt = question.prompt.trimmingPrefixWhitespace
        let conditional = prompt.hasPrefix("If ") || prompt.hasPrefix("Where ")
        let naChance = conditional ? (service == .childProtection ? 150 : 650) : 15
        if random.chance(perMille: naChance) {
            let reasons = conditional ? AnswerWording.didNotArise : AnswerWording.notYetDue
            return entry(question, "na", reason: note(reasons))
        }
        let noChance = Int(min(600, max(20, 40 + 250 * (quality - 1.5))))
        if random.chance(perMille: noChance) {
            return entry(question, "no", evidence: random.chance(perMille: 700) ? note(AnswerWording.notCompliant) : nil)
        }
        return entry(question, "yes", evidence: random.chance(perMille: 150) ? note(AnswerWording.compliant) : nil)
    }

    /// A choice: the one naming the case's service when there is one ("child protection
    /// plan" for a child protection case), else the commoner choices (listed first in the
    /// shipped templates) more often, and never "other", which would need explaining.
    private mutating func choice(_ question: TemplateQuestion, quality: Double) -> String {
        let name = service.displayName.lowercased()
        if let matching = question.choices.first(where: { $0.lowercased().contains(name) }) { return matching }
        let usable = question.choices.filter { $0.lowercased() != "other" }
        guard !usable.isEmpty else { return question.choices[0] }
        // Weaker cases spread further down the list, to its rarer and more worrying entries.
        let steep = quality < 2.8
        let weighted = usable.enumerated().map { index, choice in
            let rank = usable.count - index
            return (choice, steep ? rank * rank : rank)
        }
        return random.pick(weighted)
    }

    /// A small count (placement moves, working days): mostly 0 or 1, more in weaker cases.
    private mutating func count(quality: Double) -> Int {
        let again = Int(min(600, max(80, 200 + 250 * (quality - 2))))
        var n = 0
        while n < 6 && random.chance(perMille: again) { n += 1 }
        return n
    }

    /// One of `phrases`, filled with a record of this service and a date in the look-back.
    private mutating func note(_ phrases: [String]) -> String {
        let phrase = phrases[random.below(phrases.count)]
        let records = AnswerWording.records(service)
        let record = records[random.below(records.count)]
        let date = DayNumber.date(DayNumber.of(asOf) - 1 - random.below(lookbackDays))
        return AnswerWording.fill(phrase, record: record, date: AnswerWording.spoken(date), child: child)
    }

    private var lookbackDays: Int { max(1, template.lookbackMonths * 30) }
}

private extension String {
    var trimmingPrefixWhitespace: Substring { drop { $0.isWhitespace } }
}

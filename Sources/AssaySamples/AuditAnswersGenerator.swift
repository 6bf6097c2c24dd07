import AssayCore
import AssayTemplates

/// Makes up a month of completed audits for the drawn cases, one answers file per case, so
/// the demo can submit them (`assay audit CASE_ID --answers FILE`) and the reports have
/// something realistic to show.
///
/// How the answers are made, so they read like a real authority's audits:
/// - Each case has an underlying quality on the grade scale: its team's (`TeamPractice`)
///   plus a normal scatter (sd 0.65). Every grade question is that quality plus its own
///   noise (sd 0.45; 0.4 on limiting questions, which auditors judge more consistently),
///   rounded to the nearest grade. So grades within a case agree with each other, most
///   cases are good or requires improvement, a few are outstanding, a minority inadequate,
///   and weaker teams have clearly more inadequate cases.
/// - Compliance (yes/no) questions are mostly yes; weaker cases say no more often. A question
///   that starts "If …" or "Where …" often did not arise and is "na" with a reason, more so
///   outside child protection.
/// - Optional questions are answered about two times in three; evidence is written on some
///   answers, more often on poor ones, as auditors do.
/// - The overall grade is the suggestion Assay will make (`SuggestedGrades`); one time in
///   ten the auditor judges one grade worse and says why. Weaker audits raise an action or
///   two on their weakest domains.
/// - Each audit is done on a day of its own in the weeks after the as-of date (`auditedOn`,
///   written at the top of its file), as a month's audits are, and its actions fall due one
///   week (an inadequate case) or two weeks after that day, a second one a fortnight later,
///   never before it: Assay refuses an action due before the
///   day it is raised, and a month of actions raised already overdue is what once left the
///   demo's report with nothing but overdue actions (issue 17). `submittedOn` puts every
///   audit on one day instead (a moderation done after the month's audits).
///
/// Deterministic: each case draws from its own stream of the seed and its case id, so the
/// same seed gives the same file for a case whatever else was drawn that month.
public struct AuditAnswersGenerator: Sendable {
    public static let defaultSeed: UInt64 = 20_261_130

    public let templates: [AuditTemplate]
    public let seed: UInt64
    /// The day the audits look back from: evidence and "last seen" dates fall before it,
    /// actions fall due after it.
    public let asOf: CalendarDate
    /// The day every audit is submitted; nil: each case its own day after `asOf`.
    public let submittedOn: CalendarDate?

    /// The days after `asOf` on which a case may be audited: from the 3rd to the 26th of a
    /// month that starts on `asOf`, leaving its last days for moderation and chasing.
    public static let auditDays = 2...25

    public init(templates: [AuditTemplate], seed: UInt64 = defaultSeed, asOf: CalendarDate = RegisterGenerator.defaultAsOf,
                submittedOn: CalendarDate? = nil) {
        self.templates = templates
        self.seed = seed
        self.asOf = asOf
        self.submittedOn = submittedOn
    }

    /// The day `caseID` is audited: `submittedOn`, or a day of `auditDays` after `asOf` from
    /// the case's own stream (the case alone decides it, not the seed, so a moderation's
    /// answers for the case agree with the audit's about when it was done).
    public func auditedOn(_ caseID: String) -> CalendarDate {
        if let submittedOn { return submittedOn }
        var random = SplitMix64.stream(0x0A0D_17ED, StableHash.of(caseID))
        return DayNumber.date(DayNumber.of(asOf) + Self.auditDays.lowerBound + random.below(Self.auditDays.count))
    }

    /// The template whose `applies_to` holds `service` (the first, by id, if several do).
    public func template(for service: Service) -> AuditTemplate? {
        templates.sorted { $0.id < $1.id }.first { $0.appliesTo.contains(service) }
    }

    /// A completed audit of `sampled`, or nil when it has no service or no template
    /// applies to its service.
    public func audit(of sampled: SampledCase) -> GeneratedAudit? {
        guard let service = sampled.service, let template = template(for: service) else { return nil }
        var answerer = CaseAnswerer(template: template, service: service, asOf: asOf,
                                    random: SplitMix64.stream(seed, StableHash.of(sampled.caseID)))
        let quality = TeamPractice.quality(ofTeam: sampled.team) + 0.65 * answerer.random.normal()
        var entries: [GeneratedAudit.Entry] = []
        for question in template.questions {
            if let entry = answerer.answer(question, quality: quality) { entries.append(entry) }
        }
        var random = answerer.random

        var grades: [String: Grade] = [:]
        for question in template.questions where question.kind == .grade {
            if let entry = entries.first(where: { $0.questionID == question.id }), let grade = Grade(typed: entry.value) {
                grades[question.id] = grade
            }
        }
        let suggestedGrades = SuggestedGrades(template: template, answers: grades)
        let suggested = suggestedGrades.overall ?? Self.nearest(quality)
        // Domains from weakest to strongest (template order among equals): where a lowered
        // overall and any actions point.
        let weakest = template.sections.enumerated()
            .compactMap { index, section in suggestedGrades.sections[section.id].map { (index, section, $0) } }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
            .map(\.1)
        let child = AnswerWording.child(service)

        var overall = suggested
        var reason: String? = nil
        if suggested < .inadequate, let worst = weakest.first, random.chance(perMille: 100) {
            overall = Grade(rawValue: suggested.rawValue + 1)!
            reason = AnswerWording.fill(Self.one(AnswerWording.lowered, &random), record: "", date: "", child: child,
                                        section: AnswerWording.inSentence(worst.title))
        }

        let actionCount: Int
        switch overall {
        case .outstanding: actionCount = 0
        case .good: actionCount = random.chance(perMille: 80) ? 1 : 0
        case .requiresImprovement: actionCount = random.chance(perMille: 450) ? 1 : 0
        case .inadequate: actionCount = random.chance(perMille: 500) ? 2 : 1
        }
        // A week for an inadequate case's first action, two otherwise, a fortnight more for
        // each further one: from the day of the audit, when the actions are raised.
        let firstDue = overall == .inadequate ? 7 : 14
        let auditedOn = auditedOn(sampled.caseID)
        let actions = weakest.prefix(actionCount).enumerated().map { index, section in
            GeneratedAudit.Action(
                what: AnswerWording.fill(
                    AnswerWording.action(section: section.id) ?? "Address the gaps found in " + AnswerWording.inSentence(section.title),
                    record: "", date: "", child: child),
                owner: AnswerWording.owner(section: section.id, service: service, team: sampled.team),
                due: DayNumber.date(DayNumber.of(auditedOn) + firstDue + 14 * index))
        }
        return GeneratedAudit(caseID: sampled.caseID, team: sampled.team, locality: sampled.locality, service: service,
                              templateID: template.id, auditedOn: auditedOn, entries: entries, suggested: suggested, overall: overall,
                              reason: reason, actions: Array(actions))
    }

    /// The grade nearest a quality on the scale, halves to the worse grade.
    static func nearest(_ quality: Double) -> Grade {
        Grade(rawValue: min(4, max(1, Int((quality + 0.5).rounded(.down)))))!
    }

    static func one(_ phrases: [String], _ random: inout SplitMix64) -> String {
        phrases[random.below(phrases.count)]
    }
}

import AssayCore
import Foundation

/// The words generated audits are written in: short evidence notes, reasons for "na",
/// reasons for an overall grade below the suggestion, and actions.
///
/// Written the way auditors write (terse, pointing at a record and a date) and kept
/// generic enough to sit under any question of the shipped templates. All invented: notes
/// name records and roles, never a person or a child.
enum AnswerWording {
    /// "child", or "young person" for care leavers.
    static func child(_ service: Service) -> String {
        service == .careLeaver ? "young person" : "child"
    }

    /// Records an auditor of this service's cases reads, each one document (singular, so
    /// every note reads "… of 12 October shows …").
    static func records(_ service: Service) -> [String] {
        switch service {
        case .frontDoor:
            ["the contact record", "the MASH decision record", "the partner agency check", "the manager's decision note", "the case note"]
        case .childInCare:
            ["the care plan", "the IRO's review record", "the statutory visit record", "the personal education plan", "the supervision note", "the chronology entry"]
        case .careLeaver:
            ["the pathway plan", "the personal adviser's contact note", "the pathway plan review", "the supervision note", "the case note"]
        case .childProtection:
            ["the child protection plan", "the core group record", "the visit record", "the latest assessment", "the supervision note", "the chronology entry"]
        case .earlyHelp:
            ["the early help plan", "the early help assessment", "the team around the family record", "the visit record", "the case note"]
        case .assessment:
            ["the child and family assessment", "the visit record", "the supervision note", "the chronology entry", "the case note"]
        case .childInNeed, .disabledChildren:
            ["the child in need plan", "the child in need review record", "the visit record", "the latest assessment", "the supervision note", "the chronology entry"]
        }
    }

    /// Evidence notes for a grade, with `{record}`, `{Record}`, `{date}` and `{child}` to fill.
    static func evidence(for grade: Grade) -> [String] {
        switch grade {
        case .outstanding: [
            "Exemplary: {record} of {date} shows this clearly, and the {child}'s experience drives the decisions.",
            "Consistently strong across the period; {record} is specific and written for the {child}.",
            "{Record} of {date} is a model of this: clear, current and purposeful.",
        ]
        case .good: [
            "Evident in {record} of {date}; minor gaps only.",
            "Done well and consistently over the period; {record} is up to date.",
            "{Record} shows this clearly, though not every entry is as full.",
        ]
        case .requiresImprovement: [
            "Some evidence in {record}, but it is not consistent across the period.",
            "{Record} of {date} touches on this but there is little analysis.",
            "Partly met: {record} is out of date and does not reflect recent events.",
            "Present but generic: {record} could have been written about any {child}.",
        ]
        case .inadequate: [
            "No evidence found in {record} or anywhere else on file.",
            "{Record} of {date} notes a concern that was not followed up.",
            "Not done in the audit period; raised with the team manager on the day of the audit.",
            "Missing: {record} has not been updated since before the audit period.",
        ]
        }
    }

    static let compliant = ["Seen in {record} of {date}.", "Confirmed in {record}."]

    static let notCompliant = [
        "Not on file at the time of the audit.",
        "Last recorded on {date}: outside the required timescale.",
        "Overdue; the team manager knows and has set a date.",
        "Late: completed after the timescale, with no reason recorded.",
    ]

    /// Why a question that starts "If …" or "Where …" did not apply.
    static let didNotArise = [
        "Did not arise in the audit period.",
        "No such concern or event in the audit period.",
        "Not relevant to the {child}'s circumstances during the period.",
    ]

    /// Why any other compliance question did not apply (rare).
    static let notYetDue = [
        "Not yet due: the case was opened during the audit period.",
        "Not yet due: the {child} came to this service during the audit period.",
    ]

    /// Why the auditor put the overall one grade below the suggestion; `{section}` is the
    /// weakest domain.
    static let lowered = [
        "Lowered by one grade: weak practice in {section} leaves the {child}'s circumstances unclear, and that outweighs the stronger work elsewhere.",
        "The mean hides drift: {section} has not moved on in the period, so the overall is one grade below the suggestion.",
        "One grade below the suggestion: the gaps in {section} mean the {child}'s day-to-day experience has not improved.",
    ]

    /// The action an audit raises on a weak domain, by section id; nil for a section this
    /// table does not know (the caller names the section instead).
    static func action(section: String) -> String? {
        switch section {
        case "voice": "See the {child} alone and record their wishes and feelings in their own words"
        case "risk": "Update the chronology and the analysis of risk, and agree the response with the team manager"
        case "timeliness": "Set and record timescales for every overdue task, and check them at each supervision"
        case "assessment": "Update the assessment with an analysis of the {child}'s current needs and risks"
        case "planning", "care-planning", "pathway-plan":
            "Rewrite the plan with the {child}: specific, measurable actions with owners and timescales"
        case "visits": "Visit as often as the plan requires and record the purpose and what the {child} said"
        case "oversight": "Record case direction and a reflective supervision discussion on this case"
        case "multi-agency": "Hold a professionals meeting and agree in writing who does what, by when"
        case "recording": "Bring case recording up to date and write a current case summary"
        case "permanence": "Hold a permanence planning meeting and record the permanence plan"
        case "health": "Follow up the outstanding health actions and book any overdue health assessment"
        case "education": "Review the personal education plan with the designated teacher"
        case "missing-exploitation":
            "Complete an exploitation risk assessment and offer a return home interview after every missing episode"
        case "family-time": "Review family time with the {child} and record their views on it"
        case "pa-contact": "Agree with the young person how and how often their personal adviser keeps in touch"
        case "accommodation": "Review whether the young person's accommodation is safe and suitable, and plan the next move"
        case "eet": "Agree an education, employment or training plan with the young person"
        case "independence": "Help the young person obtain proof of identity and claim their entitlements"
        case "contact": "Go back to the referrer to clarify the concern, and check the {child}'s history"
        case "consent": "Record whether consent was sought, and why where it was overridden"
        case "decision": "Team manager to review the threshold decision against the local threshold guidance"
        case "strategy": "Review with police and health why the strategy discussion was late or not held"
        case "next-steps": "Confirm the step-down or closure was handed over and the family knows who to contact"
        default: nil
        }
    }

    /// Who owns an action on `section` of a case in `team`: a role, never a name.
    static func owner(section: String, service: Service, team: String) -> String {
        let role: String
        if ["oversight", "decision", "strategy"].contains(section) {
            role = "Team manager"
        } else {
            switch service {
            case .frontDoor: role = "Duty manager"
            case .careLeaver: role = "Personal adviser"
            case .earlyHelp: role = "Lead professional"
            default: role = "Allocated social worker"
            }
        }
        return role + ", " + team
    }

    /// A section title inside a sentence: "The child's voice" becomes "the child's voice";
    /// a leading acronym stays as it is.
    static func inSentence(_ title: String) -> String {
        guard let first = title.first, title.dropFirst().first?.isLowercase == true else { return title }
        return first.lowercased() + title.dropFirst()
    }

    /// `template` with its placeholders filled.
    static func fill(_ template: String, record: String, date: String, child: String, section: String = "") -> String {
        let capitalised = record.prefix(1).uppercased() + record.dropFirst()
        return template
            .replacingOccurrences(of: "{Record}", with: capitalised)
            .replacingOccurrences(of: "{record}", with: record)
            .replacingOccurrences(of: "{date}", with: date)
            .replacingOccurrences(of: "{child}", with: child)
            .replacingOccurrences(of: "{section}", with: section)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "12 October", as auditors date what they read.
    static func spoken(_ date: CalendarDate) -> String {
        "\(date.day) \(monthNames[date.month - 1])"
    }
}

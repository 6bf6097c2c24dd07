import AssayAudits
import AssayCore
import AssayStore

extension Session {
    /// Reads what the shell's opening needs from the open database: the user's role and
    /// open work in every month, the latest drawn month, and for a lead everyone's open work.
    /// Best effort, like the prompt: if anything fails the shell opens on this month, silently.
    func startingPoint(today: CalendarDate) -> StartingPoint {
        guard let store = storeIfOpen else { return StartingPoint(month: Month(today), lines: []) }
        do {
            let me = try store.person(named: identity.name)
            let latest = try store.latestDrawnMonth()
            var lead: StartingPoint.LeadView?
            if me?.role == .lead, let latest {
                lead = StartingPoint.LeadView(monthCases: try store.drawnCasesToAudit(month: latest),
                                              openCases: try store.drawnCasesToAudit(openOnly: true),
                                              staleDays: try store.value(of: .staleDays))
            }
            let point = StartingPoint.make(role: me?.role, isPerson: me != nil, myWork: try store.openWork(auditor: identity.name),
                                           latestDrawn: latest, lead: lead, today: today)
            // A declared name that is nobody's but close to someone's: a slip in --as.
            let question = me == nil ? ErrorWording.didYouMeanAs(Store.peopleNear(identity.name, among: try store.people().map(\.name))) : ""
            guard !question.isEmpty, let first = point.lines.first else { return point }
            return StartingPoint(month: point.month, lines: [first + question] + point.lines.dropFirst())
        } catch {
            return StartingPoint(month: Month(today), lines: [])
        }
    }
}

import AssayCore
import AssayStore
import Foundation
import GRDB

/// What `assign` gave one auditor: the cases they now hold in the month's draw and the teams
/// those cases come from. `started` counts the cases they hold because they had already
/// opened the audit (a re-run never takes those away).
public struct AssignmentSummary: Sendable, Equatable {
    public let auditor: String
    public let team: String?
    public let caseIDs: [String]
    public let teams: [String]
    public let started: Int
    /// The due dates of their cases, earliest first (one date unless re-runs without
    /// `--due` left earlier cases with an earlier date).
    public let due: [CalendarDate]
}

/// One drawn case of a month with who audits it and how far the audit has gone: the rows of
/// `sample`, and (filtered) an auditor's queue.
public struct AssignedCase: Sendable, Equatable {
    public let caseID: String
    public let team: String
    public let locality: String
    public let service: String?
    public let worker: String?
    /// The audit of the case this month; nil until someone opens it.
    public let auditID: Int64?
    /// nil while the audit has not started.
    public let status: Audit.Status?
    /// Who audits the case: the audit's auditor once it has started, else the assignment's
    /// (nil when the case is not assigned yet).
    public let auditor: String?
    /// Why the lead set the case aside (`set-aside`), or nil: a case set aside is not to be
    /// audited.
    public var setAsideReason: String? = nil

    /// The status as people read it: not started, in progress, submitted, or set aside.
    public var progress: String {
        if setAsideReason != nil, status == nil { return "set aside" }
        switch status {
        case nil: return "not started"
        case .inProgress: return "in progress"
        case .submitted: return "submitted"
        }
    }
}

extension Store {
    /// Shares the drawn cases of `month`'s current draw out to `auditors` (lead only), by the
    /// rule in docs/assignment.md: teams in bytewise order, cases by id within a team, one
    /// pointer going round the auditors across all teams so the load stays even, skipping
    /// an auditor recorded in `people` as belonging to the case's team — nobody audits their
    /// own team's work. A case whose audit has already started keeps that audit's auditor.
    ///
    /// Each case is due by `due` when given (every case of the month, those kept by the
    /// auditor who started them included); otherwise a new assignment gets the month's
    /// default (its last day plus the `due-days` setting) and an existing one keeps its date,
    /// so handing a case over does not move its deadline. A `due` before the month begins, or
    /// before `today`, is a mistake and is refused.
    ///
    /// One transaction: a refusal (an unknown or repeated auditor, no draw, a team nobody
    /// may audit, a due date already past) stores nothing. Existing assignment rows are
    /// updated, never deleted, so the audit log shows each case's hand-over and each change
    /// of its due date.
    @discardableResult
    public func assign(month: Month, auditors names: [String], due: CalendarDate? = nil,
                       today: CalendarDate = Today.date()) throws -> [AssignmentSummary] {
        try require([.lead], to: "assign audits")
        let requested = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !requested.isEmpty else { throw AuditError.noAuditorsNamed }
        if let due, due < month.firstDay { throw AuditError.dueBeforeMonth(due: due, month: month) }
        if let due, due < today { throw AuditError.duePassed(due: due, today: today) }
        return try write { tx in
            let people = try tx.query { db in
                try Row.fetchAll(db, sql: "SELECT name, team FROM people").map { (name: $0["name"] as String, team: $0["team"] as String?) }
            }
            var auditors: [(name: String, team: String?)] = []
            for name in requested {
                guard let person = people.first(where: { Self.sameName($0.name, name) }) else {
                    throw AuditError.notAPerson(name)
                }
                if auditors.contains(where: { Self.sameName($0.name, person.name) }) {
                    throw AuditError.namedTwice(person.name)
                }
                auditors.append(person)
            }
            guard let drawID = try tx.query({ db in try Self.currentDrawID(db, month: month) }) else {
                throw StoreError.noDraw(month: month, askerIsLead: true, latestDrawn: nil)  // only a lead gets here
            }
            let cases = try tx.query { db in
                try Row.fetchAll(db, sql: """
                    SELECT c.case_id, f.team FROM draw_case c JOIN draw d ON d.id = c.draw_id
                    JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = c.case_id
                    WHERE c.draw_id = ?
                    """, arguments: [drawID]).map { (caseID: $0["case_id"] as String, team: $0["team"] as String) }
            }.sorted { a, b in
                a.team != b.team ? Self.bytewise(a.team, b.team) : Self.bytewise(a.caseID, b.caseID)
            }
            let startedBy = try tx.query { db in
                Dictionary(try Row.fetchAll(db, sql: "SELECT case_id, auditor FROM audit WHERE month = ?", arguments: [month.description])
                    .map { ($0["case_id"] as String, $0["auditor"] as String) }, uniquingKeysWith: { first, _ in first })
            }
            let existing = try tx.query { db in
                Dictionary(try Row.fetchAll(db, sql: "SELECT id, case_id, auditor, due FROM assignment WHERE draw_id = ?", arguments: [drawID])
                    .map { ($0["case_id"] as String, (id: $0["id"] as Int64, auditor: $0["auditor"] as String, due: $0["due"] as String?)) },
                           uniquingKeysWith: { first, _ in first })
            }
            let monthsDue = try Self.defaultDue(month, dueDays: tx.query { db in try Store.value(of: .dueDays, in: db) })

            let setAside = try tx.query { db in
                Set(try String.fetchAll(db, sql: "SELECT case_id FROM set_aside WHERE draw_id = ?", arguments: [drawID]))
            }
            let given = try Self.shareOut(cases, among: auditors, startedBy: startedBy.mapValues { name in
                people.first { Self.sameName($0.name, name) }?.name ?? name
            }, setAside: setAside)

            let now = tx.timestamp
            var dueOf: [String: CalendarDate] = [:]
            for assignment in given {
                if let row = existing[assignment.caseID] {
                    let kept = row.due.flatMap(CalendarDate.init(parsing:))
                    let newDue = due ?? kept ?? monthsDue
                    dueOf[assignment.caseID] = newDue
                    var changes: [(AssignmentRecord.Column, (any DatabaseValueConvertible)?)] = []
                    if row.auditor != assignment.auditor {
                        changes += [(.auditor, assignment.auditor), (.assignedAt, now), (.assignedBy, tx.user.name)]
                    }
                    if kept != newDue { changes.append((.due, newDue)) }
                    if !changes.isEmpty { try tx.update(AssignmentRecord.self, id: row.id, set: changes) }
                } else {
                    let newDue = due ?? monthsDue
                    dueOf[assignment.caseID] = newDue
                    try tx.insert(AssignmentRecord(drawID: drawID, caseID: assignment.caseID, auditor: assignment.auditor,
                                                   assignedAt: now, assignedBy: tx.user.name, due: newDue))
                }
            }

            // The named auditors in the order given, then anyone who keeps a started audit.
            var others: [String] = []
            for name in given.map(\.auditor).sorted(by: Self.bytewise)
            where !(auditors.map(\.name) + others).contains(where: { Self.sameName($0, name) }) {
                others.append(name)
            }
            let everyone = auditors + others.map { name in
                (name: name, team: people.first { Self.sameName($0.name, name) }?.team)
            }
            return everyone.map { auditor in
                let mine = given.filter { Self.sameName($0.auditor, auditor.name) }
                var teams: [String] = []
                for item in mine where !teams.contains(item.team) { teams.append(item.team) }
                return AssignmentSummary(auditor: auditor.name, team: auditor.team, caseIDs: mine.map(\.caseID),
                                         teams: teams, started: mine.filter(\.started).count,
                                         due: Set(mine.compactMap { dueOf[$0.caseID] }).sorted())
            }
        }
    }

    /// The date a month's assignments fall due when `assign --due` does not say: the month's
    /// last day plus `dueDays` (the `due-days` setting).
    public static func defaultDue(_ month: Month, dueDays: Int) throws -> CalendarDate {
        guard let due = month.lastDay.adding(days: dueDays) else { throw AuditError.dueDaysOutOfCalendar(month: month, days: dueDays) }
        return due
    }

    /// The rule itself (docs/assignment.md), over cases already in team-then-id order: who
    /// gets each case, and whether it stays with the auditor who started its audit.
    /// A case set aside (`set-aside`) is given to nobody but still takes its turn, so setting
    /// one aside moves no other case to another auditor on a re-run.
    private static func shareOut(_ cases: [(caseID: String, team: String)], among auditors: [(name: String, team: String?)],
                                 startedBy: [String: String], setAside: Set<String> = []) throws -> [(caseID: String, team: String, auditor: String, started: Bool)] {
        // A team with cases still to share out needs someone from outside it.
        let teamsToShare = Set(cases.filter { startedBy[$0.caseID] == nil && !setAside.contains($0.caseID) }.map(\.team))
        for team in teamsToShare.sorted(by: bytewise) where !auditors.contains(where: { !sameTeam($0.team, team) }) {
            throw AuditError.ownTeamOnly(team)
        }
        var pointer = 0
        var given: [(caseID: String, team: String, auditor: String, started: Bool)] = []
        for theCase in cases {
            let eligible = (0..<auditors.count).map { (pointer + $0) % auditors.count }
                .first { !sameTeam(auditors[$0].team, theCase.team) }
            // A started case still takes its turn, so a re-run gives every other case to
            // the same auditor as before.
            if let eligible { pointer = (eligible + 1) % auditors.count }
            if let startedAuditor = startedBy[theCase.caseID] {
                given.append((theCase.caseID, theCase.team, startedAuditor, true))
            } else if setAside.contains(theCase.caseID) {
                continue
            } else if let eligible {
                given.append((theCase.caseID, theCase.team, auditors[eligible].name, false))
            }
        }
        return given
    }

    /// Every drawn case of `month`'s current draw, by team, locality and case id, with its
    /// auditor and audit status; with `auditor`, only the cases that are theirs. Refuses a
    /// month without a draw.
    public func assignedCases(month: Month, auditor: String? = nil) throws -> [AssignedCase] {
        let found = try read { db -> [AssignedCase]? in
            guard let drawID = try Self.currentDrawID(db, month: month) else { return nil }
            return try Self.assignedCases(db, drawID: drawID, month: month, auditor: auditor)
        }
        guard let found else { throw noDrawYet(month) }  // worded for the user's role
        return found
    }

    /// An auditor's queue: the cases of `month`'s current draw that are theirs (their
    /// audit, or assigned to them and not yet started) and not yet submitted. Empty when the
    /// month has no draw. Names match regardless of case.
    public func queue(auditor: String, month: Month) throws -> [AssignedCase] {
        try read { db in
            guard let drawID = try Self.currentDrawID(db, month: month) else { return [] }
            return try Self.assignedCases(db, drawID: drawID, month: month, auditor: auditor)
                .filter { $0.status != .submitted && !($0.status == nil && $0.setAsideReason != nil) }
        }
    }

    /// The length of `queue(auditor:month:)`, counted by SQLite alone: the shell asks before
    /// every prompt.
    public func queueCount(auditor: String, month: Month) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM draw d
                JOIN draw_case c ON c.draw_id = d.id
                LEFT JOIN assignment s ON s.draw_id = d.id AND s.case_id = c.case_id
                LEFT JOIN audit a ON a.month = d.month AND a.case_id = c.case_id
                WHERE d.month = ? AND d.status = 'current'
                  AND coalesce(a.auditor, s.auditor) = ? COLLATE NOCASE
                  AND a.status IS NOT 'submitted' AND (a.id IS NOT NULL OR \(Self.notSetAsideSQL))
                """, arguments: [month.description, auditor]) ?? 0
        }
    }

    /// Who audits a case of `month`: the audit's auditor once started, else the assignment's.
    public func assignedAuditor(caseID: String, month: Month) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT coalesce(a.auditor, s.auditor) FROM draw d
                JOIN draw_case c ON c.draw_id = d.id AND c.case_id = ?
                LEFT JOIN assignment s ON s.draw_id = d.id AND s.case_id = c.case_id
                LEFT JOIN audit a ON a.month = d.month AND a.case_id = c.case_id
                WHERE d.month = ? AND d.status = 'current'
                """, arguments: [caseID, month.description])
        }
    }

    private static func currentDrawID(_ db: Database, month: Month) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM draw WHERE month = ? AND status = 'current'", arguments: [month.description])
    }

    /// The cases of a draw with their register rows, audits and assignments: what `sample`,
    /// `queue` and the shell's starting point read. `CROSS JOIN` fixes the join order — the
    /// draw's few hundred cases first, each looked up in its frame by (frame, case) — because
    /// SQLite otherwise starts from `frame_case_by_stratum` and walks the whole frame: the query
    /// took 130–300 ms instead of 2–7 ms at 100,000 audits (sqlite3 `.timer`; issue 22). `QueryPlanTests` holds the order.
    /// `assignedCases` reads the columns by position: keep their order.
    static func assignedCasesSQL(_ mine: String = "") -> String {
        """
        SELECT c.case_id, f.team, f.locality, f.service, f.worker,
               a.id AS audit_id, a.status, coalesce(a.auditor, s.auditor) AS auditor, \(setAsideReasonSQL) AS set_aside
        FROM draw_case c CROSS JOIN draw d ON d.id = c.draw_id
        CROSS JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = c.case_id
        LEFT JOIN assignment s ON s.draw_id = c.draw_id AND s.case_id = c.case_id
        LEFT JOIN audit a ON a.month = ? AND a.case_id = c.case_id
        WHERE c.draw_id = ?\(mine) ORDER BY f.team, f.locality, c.case_id
        """
    }

    private static func assignedCases(_ db: Database, drawID: Int64, month: Month, auditor: String?) throws -> [AssignedCase] {
        var arguments: StatementArguments = [month.description, drawID]
        var mine = ""
        if let auditor {
            mine = " AND coalesce(a.auditor, s.auditor) = ? COLLATE NOCASE"
            arguments += [auditor]
        }
        // Columns by position, in `assignedCasesSQL`'s order: looking each up by name lowered
        // it again for every row, a third of `sample`'s reading at 100,000 audits.
        return try Array(Row.fetchCursor(db, sql: Self.assignedCasesSQL(mine), arguments: arguments).map { row in
            AssignedCase(caseID: row[0], team: row[1], locality: row[2], service: row[3],
                         worker: row[4], auditID: row[5],
                         status: (row[6] as String?).flatMap(Audit.Status.init(rawValue:)), auditor: row[7],
                         setAsideReason: row[8])
        })
    }

    /// People's names are unique regardless of case (the `people` table is NOCASE).
    static func sameName(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }

    /// A person with no team recorded may audit any team.
    private static func sameTeam(_ personTeam: String?, _ caseTeam: String) -> Bool {
        guard let personTeam else { return false }
        return personTeam.trimmingCharacters(in: .whitespaces).lowercased() == caseTeam.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The order `sample` and the draw print teams in (SQLite's BINARY collation).
    private static func bytewise(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}

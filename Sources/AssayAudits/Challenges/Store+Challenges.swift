import AssayCore
import AssayStore
import Foundation
import GRDB

/// A challenge to a submitted grade: someone — typically the case's social worker or team
/// manager — disputes a question's grade (or the overall grade) with a comment, and a
/// moderator or lead accepts, partly accepts or rejects it with a reason (docs/audits.md,
/// "Challenges"). Resolving records the outcome only: a grade changes by reopening the
/// audit (`audit amend`), which a lead does with its own reason.
public struct Challenge: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case open
        case accepted
        case partlyAccepted = "partly_accepted"
        case rejected

        /// As the command line spells it: `partly-accepted`.
        public var spelling: String { rawValue.replacingOccurrences(of: "_", with: "-") }

        /// `accepted`, `partly-accepted` (or `partly_accepted`), `rejected`.
        public init?(spelling: String) {
            self.init(rawValue: spelling.lowercased().replacingOccurrences(of: "-", with: "_"))
        }
    }

    public let id: Int64
    public let auditID: Int64
    /// The audited case, its team and month (read with the challenge, from its audit).
    public let caseID: String
    public let team: String
    public let month: Month
    /// The challenged question; nil for the overall grade.
    public let questionID: String?
    public let comment: String
    /// Who challenges (`--by`, default the user who recorded it).
    public let challenger: String
    public let raisedAt: String
    /// The user who recorded it.
    public let raisedBy: String
    public let status: Status
    public let resolutionReason: String?
    public let resolvedBy: String?
    public let resolvedAt: String?

    public var isOpen: Bool { status == .open }
    /// The question id, or `overall`.
    public var questionLabel: String { questionID ?? "overall" }

    init(row: Row) {
        id = row["id"]
        auditID = row["audit_id"]
        caseID = row["case_id"]
        team = row["team"]
        month = Month(row["month"] as String) ?? Month(year: 1970, month: 1)!
        questionID = row["question_id"]
        comment = row["comment"]
        challenger = row["challenger"]
        raisedAt = row["raised_at"]
        raisedBy = row["raised_by"]
        status = (row["status"] as String?).flatMap(Status.init(rawValue:)) ?? .open
        resolutionReason = row["resolution_reason"]
        resolvedBy = row["resolved_by"]
        resolvedAt = row["resolved_at"]
    }

    static let selection = "SELECT c.*, a.case_id, a.team, a.month FROM challenge c JOIN audit a ON a.id = c.audit_id"
}

/// Which challenges `challenges` lists.
public struct ChallengeFilter: Sendable {
    public var openOnly: Bool
    public var team: String?
    public var auditIDs: Set<Int64>?

    public init(openOnly: Bool = false, team: String? = nil, auditIDs: Set<Int64>? = nil) {
        self.openOnly = openOnly
        self.team = team
        self.auditIDs = auditIDs
    }
}

extension Store {
    /// Challenges, oldest first.
    public func challenges(_ filter: ChallengeFilter = ChallengeFilter()) throws -> [Challenge] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if filter.openOnly { clauses.append("c.status = 'open'") }
        if let team = filter.team { clauses.append("a.team = ? COLLATE NOCASE"); arguments += [team] }
        let whereClause = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        let all = try read { db in
            try Row.fetchAll(db, sql: Challenge.selection + whereClause + " ORDER BY c.id", arguments: arguments).map(Challenge.init(row:))
        }
        guard let ids = filter.auditIDs else { return all }
        return all.filter { ids.contains($0.auditID) }
    }

    public func challenge(id: Int64) throws -> Challenge {
        try read { db in try Self.challenge(id: id, in: db) }
    }

    static func challenge(id: Int64, in db: Database) throws -> Challenge {
        guard let challenge = try Row.fetchOne(db, sql: Challenge.selection + " WHERE c.id = ?", arguments: [id]).map(Challenge.init(row:)) else {
            throw AuditError.noChallenge(id)
        }
        return challenge
    }

    /// `challenge AUDIT_ID --question Q --comment TEXT [--by NAME]`: anyone in `people` may
    /// record one, for themselves or for the challenger named (who need not be). Only a
    /// submitted audit can be challenged, and only on a question of its template or
    /// `overall`.
    @discardableResult
    public func raiseChallenge(auditID: Int64, question: String, comment: String, challenger: String? = nil) throws -> Int64 {
        try require(Self.everyone, to: "record challenges")
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else { throw AuditError.commentMissing }
        let by = (challenger ?? identity.name).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !by.isEmpty else { throw AuditError.challengerMissing }
        let audit = try read { db in try Self.audit(id: auditID, in: db) }
        guard audit.status == .submitted else {
            throw AuditError.notSubmittedToChallenge(audit: auditID, caseID: audit.caseID, month: audit.month)
        }
        let wanted = question.trimmingCharacters(in: .whitespaces)
        var questionID: String?
        if wanted.lowercased() != "overall" {
            let template = try template(of: audit)
            guard let match = template.questions.first(where: { $0.id.lowercased() == wanted.lowercased() }) else {
                throw AuditError.noQuestion(question, template: template.id, version: template.version, audit: auditID,
                                            questions: template.questions.map(\.id))
            }
            questionID = match.id
        }
        return try write { tx in
            try tx.insert(ChallengeRecord(auditID: auditID, questionID: questionID, comment: comment, challenger: by,
                                          raisedAt: tx.timestamp, raisedBy: identity.name, status: Challenge.Status.open.rawValue,
                                          resolutionReason: nil, resolvedBy: nil, resolvedAt: nil))
        }
    }

    /// `challenge resolve ID --outcome … --reason TEXT` (moderators and leads). A challenge is
    /// resolved once; a second resolution is refused and the first stands.
    public func resolveChallenge(id: Int64, outcome: Challenge.Status, reason: String) throws {
        precondition(outcome != .open)
        try require([.moderator, .lead], to: "resolve challenges")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw AuditError.reasonMissing(.resolveChallenge) }
        try write { tx in
            let challenge = try tx.query { db in try Self.challenge(id: id, in: db) }
            guard challenge.isOpen else {
                throw AuditError.challengeResolved(id, status: challenge.status.spelling, by: challenge.resolvedBy, at: challenge.resolvedAt,
                                                   reason: challenge.resolutionReason ?? "")
            }
            try tx.update(ChallengeRecord.self, id: id, set: [
                (.status, outcome.rawValue), (.resolutionReason, reason), (.resolvedBy, identity.name), (.resolvedAt, tx.timestamp),
            ])
        }
    }
}

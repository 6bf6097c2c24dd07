import GRDB

extension Migrations {
    /// Actions chased to completion (docs/actions.md): each action gets the team of its
    /// case, a status (open, done, cancelled) and who closed it, when and why. Existing
    /// actions are open and take their audit's team.
    static func v7ActionTracking(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE audit_action ADD COLUMN team TEXT;
            ALTER TABLE audit_action ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled'));
            ALTER TABLE audit_action ADD COLUMN closed_at TEXT;
            ALTER TABLE audit_action ADD COLUMN closed_by TEXT;
            ALTER TABLE audit_action ADD COLUMN closing_note TEXT;
            UPDATE audit_action SET team = (SELECT team FROM audit WHERE audit.id = audit_action.audit_id);
            CREATE INDEX audit_action_by_status ON audit_action(status, due);
            """)
    }
}

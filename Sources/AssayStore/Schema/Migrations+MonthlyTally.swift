import GRDB

extension Migrations {
    /// `audit_tally`: how many counted audits each month holds in each team, locality and
    /// service, and how many of them were judged inadequate (their official grade), kept by
    /// SQLite triggers in the same statement as the change to `audit` or `moderation` that
    /// moves a count. The direction of travel over ten years of a region's audits reads these
    /// (a thousand strata by 120 months: 120,000 rows) instead of a million audits
    /// (docs/performance.md, "The monthly tally").
    ///
    /// Triggers rather than the writer: every path that submits, reopens, re-grades,
    /// moderates or deletes an audit moves the tally, including ones written later, and a
    /// row changed behind Assay's back moves it as well, so the tally always summarises the
    /// rows as they are; `verify` recounts it from them (a tally edited on its own is named).
    /// Derived, so not logged: the audit log records the audits it is counted from.
    ///
    /// "Counted" is `AuditRules.counted` (a submitted, graded audit of a drawn case, neither
    /// unsampled nor a re-audit), and the grade is `AuditRules.officialOverall` (the agreed
    /// grade of a moderated audit); both are spelled out here, because a shipped migration
    /// never changes, and `MonthlyTallyTests` checks the two stay the same. A case without a
    /// service is tallied under '' (a key column cannot be NULL and still match itself).
    /// The counts have no CHECK: a tally edited behind Assay's back must not make the next
    /// submission fail; `verify` names it instead.
    static func v20MonthlyTally(_ db: Database) throws {
        let counted = { (row: String) in
            "\(row).status = 'submitted' AND \(row).unsampled = 0 AND \(row).reaudit = 0 AND \(row).overall IS NOT NULL AND \(row).draw_id IS NOT NULL"
        }
        let official = { (row: String) in
            "coalesce((SELECT m.agreed_overall FROM moderation m WHERE m.audit_id = \(row).id), \(row).overall)"
        }
        /// Adds `sign` audits of `row` (NEW or OLD) to its tally, and drops a tally left at 0.
        let move = { (row: String, sign: String) in
            """
            INSERT INTO audit_tally (month, team, locality, service, audits, inadequate)
                VALUES (\(row).month, \(row).team, \(row).locality, coalesce(\(row).service, ''), \(sign)1, \(sign)(\(official(row)) = 4))
                ON CONFLICT (month, team, locality, service)
                DO UPDATE SET audits = audits + excluded.audits, inadequate = inadequate + excluded.inadequate;
            DELETE FROM audit_tally WHERE audits = 0 AND month = \(row).month AND team = \(row).team
                AND locality = \(row).locality AND service = coalesce(\(row).service, '');
            """
        }
        /// Moves the inadequate count of a moderated audit's tally by `change` (an expression
        /// of the audit `a`), when the audit is counted.
        let regrade = { (auditID: String, change: String) in
            """
            UPDATE audit_tally SET inadequate = inadequate + (SELECT \(change) FROM audit a WHERE a.id = \(auditID))
            WHERE (month, team, locality, service) = (SELECT a.month, a.team, a.locality, coalesce(a.service, '')
                                                      FROM audit a WHERE a.id = \(auditID) AND \(counted("a")));
            """
        }
        let countedColumns = "status, unsampled, reaudit, overall, draw_id, month, team, locality, service"
        try db.execute(sql: """
            CREATE TABLE audit_tally (
                month TEXT NOT NULL,
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT NOT NULL,
                audits INTEGER NOT NULL,
                inadequate INTEGER NOT NULL,
                PRIMARY KEY (month, team, locality, service)
            ) STRICT, WITHOUT ROWID;

            INSERT INTO audit_tally (month, team, locality, service, audits, inadequate)
                SELECT a.month, a.team, a.locality, coalesce(a.service, ''), count(*), sum(\(official("a")) = 4)
                FROM audit a WHERE \(counted("a"))
                GROUP BY a.month, a.team, a.locality, coalesce(a.service, '');

            CREATE TRIGGER audit_tally_insert AFTER INSERT ON audit WHEN \(counted("NEW"))
            BEGIN \(move("NEW", "+")) END;
            CREATE TRIGGER audit_tally_update_old AFTER UPDATE OF \(countedColumns) ON audit WHEN \(counted("OLD"))
            BEGIN \(move("OLD", "-")) END;
            CREATE TRIGGER audit_tally_update_new AFTER UPDATE OF \(countedColumns) ON audit WHEN \(counted("NEW"))
            BEGIN \(move("NEW", "+")) END;
            CREATE TRIGGER audit_tally_delete AFTER DELETE ON audit WHEN \(counted("OLD"))
            BEGIN \(move("OLD", "-")) END;

            CREATE TRIGGER audit_tally_moderation_insert AFTER INSERT ON moderation
            BEGIN \(regrade("NEW.audit_id", "(NEW.agreed_overall = 4) - (a.overall = 4)")) END;
            CREATE TRIGGER audit_tally_moderation_update AFTER UPDATE OF audit_id, agreed_overall ON moderation
            BEGIN
                \(regrade("OLD.audit_id", "(a.overall = 4) - (OLD.agreed_overall = 4)"))
                \(regrade("NEW.audit_id", "(NEW.agreed_overall = 4) - (a.overall = 4)"))
            END;
            CREATE TRIGGER audit_tally_moderation_delete AFTER DELETE ON moderation
            BEGIN \(regrade("OLD.audit_id", "(a.overall = 4) - (OLD.agreed_overall = 4)")) END;
            """)
    }
}

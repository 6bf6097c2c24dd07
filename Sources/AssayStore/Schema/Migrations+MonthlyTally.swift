import GRDB

extension Migrations {
    /// The monthly tallies, kept by SQLite triggers in the same statement as the change that
    /// moves a count (docs/schema.md, docs/performance.md "The monthly tallies"):
    ///
    /// - `audit_tally`: for each month, team, locality and service, how many counted audits
    ///   there are, how many were judged inadequate (their official grade), and how many
    ///   carry official domain grades;
    /// - `audit_domain_tally`: the same audits' official domain grades, by domain: how many,
    ///   and how many requires improvement and inadequate.
    ///
    /// Reports over ten years of a region's audits read these (a thousand strata by 120
    /// months: 120,000 rows) instead of a million audits and six million domain grades.
    ///
    /// Triggers rather than the writer: every path that submits, reopens, re-grades,
    /// moderates or deletes an audit moves the tallies, including ones written later, and a
    /// row changed behind Assay's back moves them as well, so they always summarise the rows
    /// as they are; `verify` recounts them (a tally edited on its own is named). Derived, so
    /// not logged: the audit log records the rows they are counted from.
    ///
    /// "Counted" is `AuditRules.counted` (a submitted, graded audit of a drawn case, neither
    /// unsampled nor a re-audit); the grades are the official ones (`AuditRules`: a moderated
    /// audit's agreed overall and domain grades, else its auditor's). Both are spelled out
    /// here, because a shipped migration never changes; `verify`'s recount uses `AuditRules`,
    /// so a trigger that stopped agreeing with them would show. A case without a service is
    /// tallied under '' (a key column cannot be NULL and still match itself). The counts
    /// have no CHECK: a tally edited behind Assay's back must not make the next submission
    /// fail; `verify` names it instead.
    ///
    /// How each change moves them: an audit's own changes (insert, update of what decides
    /// whether and where it counts, delete) and a moderation's take the audit's whole
    /// contribution out as it was and put it back as it is (a moderation switches the audit's
    /// official grades); a domain grade adds or removes that one grade, so a submission's six
    /// grades cost six small steps, not thirty-six. Every trigger runs AFTER its change but
    /// a grade's update's (`graded` is taken out before it), so an upsert counts once.
    static func v20MonthlyTally(_ db: Database) throws {
        try db.execute(sql: MonthlyTallySQL.schema)
    }
}

/// The SQL of `v20-monthly-tally`, built from a few pieces so that each rule is written once.
private enum MonthlyTallySQL {
    static let key = "month, team, locality, service"
    /// The tally key of the audit `a`.
    static let auditKey = "a.month, a.team, a.locality, coalesce(a.service, '')"

    static func counted(_ row: String) -> String {
        "\(row).status = 'submitted' AND \(row).unsampled = 0 AND \(row).reaudit = 0 AND \(row).overall IS NOT NULL AND \(row).draw_id IS NOT NULL"
    }

    static func officialOverall(_ audit: String) -> String {
        "coalesce((SELECT om.agreed_overall FROM moderation om WHERE om.audit_id = \(audit).id), \(audit).overall)"
    }

    static func moderated(_ auditID: String) -> String {
        "EXISTS (SELECT 1 FROM moderation xm WHERE xm.audit_id = \(auditID))"
    }

    /// Whether the audit with id `auditID` has official domain grades.
    static func hasGrades(_ auditID: String) -> String {
        """
        EXISTS (SELECT 1 FROM audit_section_grade g WHERE g.audit_id = \(auditID) AND NOT \(moderated(auditID))
                UNION ALL
                SELECT 1 FROM moderation_section_grade mg JOIN moderation mm ON mm.id = mg.moderation_id
                WHERE mm.audit_id = \(auditID) AND mg.agreed_grade IS NOT NULL)
        """
    }

    /// Domain grades of the audit `a`: the joins that bring them, their domain and grade, and
    /// what a grade must meet.
    struct Grades {
        let join: String, section: String, grade: String, condition: String
    }

    /// The auditor's grades (`unmoderatedOnly`: only while the audit was never moderated, as
    /// official grades).
    static func firstGrades(unmoderatedOnly: Bool) -> Grades {
        Grades(join: "JOIN audit_section_grade g ON g.audit_id = a.id", section: "g.section_id", grade: "g.grade",
               condition: unmoderatedOnly ? "NOT \(moderated("a.id"))" : "true")
    }

    /// The agreed grades of the audit's moderation, or of the moderation `moderationID`.
    static func agreedGrades(of moderationID: String? = nil) -> Grades {
        Grades(join: moderationID.map { "JOIN moderation_section_grade mg ON mg.moderation_id = \($0)" }
                   ?? "JOIN moderation mm ON mm.audit_id = a.id JOIN moderation_section_grade mg ON mg.moderation_id = mm.id",
               section: "mg.section_id", grade: "mg.agreed_grade", condition: "mg.agreed_grade IS NOT NULL")
    }

    /// An audit's official domain grades.
    static let officialGrades = [firstGrades(unmoderatedOnly: true), agreedGrades()]

    /// Rows `month, team, locality, service, section_id, grade` of `grades` of the audits
    /// `a` in `source` that meet `filter`.
    static func gradeRows(_ grades: [Grades], source: String, filter: String) -> String {
        grades.map { g in
            """
            SELECT a.month AS month, a.team AS team, a.locality AS locality, coalesce(a.service, '') AS service,
                   \(g.section) AS section_id, \(g.grade) AS grade
            FROM \(source) \(g.join) WHERE \(filter) AND \(g.condition)
            """
        }.joined(separator: " UNION ALL ")
    }

    static func upsertTally(_ select: String) -> String {
        """
        INSERT INTO audit_tally (\(key), audits, inadequate, graded) \(select)
            ON CONFLICT (\(key)) DO UPDATE SET audits = audits + excluded.audits,
                inadequate = inadequate + excluded.inadequate, graded = graded + excluded.graded;
        """
    }

    static func upsertDomains(_ select: String) -> String {
        """
        INSERT INTO audit_domain_tally (\(key), section_id, audits, requires_improvement, inadequate) \(select)
            ON CONFLICT (\(key), section_id) DO UPDATE SET audits = audits + excluded.audits,
                requires_improvement = requires_improvement + excluded.requires_improvement,
                inadequate = inadequate + excluded.inadequate;
        """
    }

    /// Removes the tallies of the given keys that fell to 0 audits.
    static func dropEmpty(keysFrom select: String) -> String {
        """
        DELETE FROM audit_tally WHERE audits = 0 AND (\(key)) IN (\(select));
        DELETE FROM audit_domain_tally WHERE audits = 0 AND (\(key)) IN (\(select));
        """
    }

    /// Moves by `sign` ("+" or "-") one audit's contribution to both tallies: the audit `a`
    /// of `source` (its row in `audit`, or OLD's values) when it meets `filter`, counted with
    /// the overall grade `overall`, as graded when `graded`, and with the domain grades `grades`.
    static func contribution(_ sign: String, source: String, filter: String, overall: String, graded: String,
                             grades: [Grades]) -> String {
        upsertTally("""
            SELECT \(auditKey), \(sign)1, \(sign)(\(overall) = 4), \(sign)(\(graded)) FROM \(source) WHERE \(filter)
            """) + upsertDomains("""
            SELECT \(key), section_id, \(sign)1, \(sign)(grade = 3), \(sign)(grade = 4)
            FROM (\(gradeRows(grades, source: source, filter: filter))) WHERE true
            """) + (sign == "-" ? dropEmpty(keysFrom: "SELECT \(auditKey) FROM \(source) WHERE \(filter)") : "")
    }

    /// The audit's contribution as it stands, by its official grades.
    static func whole(_ sign: String, source: String, filter: String) -> String {
        contribution(sign, source: source, filter: filter, overall: officialOverall("a"), graded: hasGrades("a.id"), grades: officialGrades)
    }

    /// The counted audit `auditID`'s contribution as it stands without a moderation: its
    /// auditor's overall and domain grades. A moderation's insert takes this out (AFTER
    /// triggers only: an upsert's conflict fires a BEFORE INSERT trigger and then the UPDATE
    /// ones, so a BEFORE INSERT trigger would count twice).
    static func unmoderated(_ sign: String, auditID: String, when condition: String = "true") -> String {
        let (source, filter) = countedAudit(auditID)
        return contribution(sign, source: source, filter: filter + " AND " + condition, overall: "a.overall",
                            graded: "EXISTS (SELECT 1 FROM audit_section_grade fg WHERE fg.audit_id = a.id)",
                            grades: [firstGrades(unmoderatedOnly: false)])
    }

    /// The counted audit `auditID`'s contribution as it stood under the moderation
    /// `moderationID` with the agreed overall grade `agreedOverall` (its agreed domain grades
    /// are that moderation's rows still there): what a moderation's update or delete takes out.
    static func moderatedBy(_ sign: String, auditID: String, agreedOverall: String, moderationID: String) -> String {
        let (source, filter) = countedAudit(auditID)
        return contribution(sign, source: source, filter: filter, overall: agreedOverall,
                            graded: "EXISTS (SELECT 1 FROM moderation_section_grade ag WHERE ag.moderation_id = \(moderationID) AND ag.agreed_grade IS NOT NULL)",
                            grades: [agreedGrades(of: moderationID)])
    }

    static let oldAudit =
        "(SELECT OLD.id AS id, OLD.month AS month, OLD.team AS team, OLD.locality AS locality, OLD.service AS service, OLD.overall AS overall) a"

    /// The counted audit with id `auditID`, from `audit`.
    static func countedAudit(_ auditID: String) -> (source: String, filter: String) {
        ("audit a", "a.id = \(auditID) AND \(counted("a"))")
    }

    /// The tally key of the counted audit `auditID`, as a one-row subquery (none when it does not count).
    static func keyOfCounted(_ auditID: String) -> String {
        "(SELECT \(auditKey) FROM audit a WHERE a.id = \(auditID) AND \(counted("a")))"
    }

    /// One domain grade of the counted audit `auditID` moved by `sign`, when `condition` holds.
    static func oneGrade(_ sign: String, auditID: String, section: String, grade: String, condition: String) -> String {
        let (source, filter) = countedAudit(auditID)
        return upsertDomains("""
            SELECT \(auditKey), \(section), \(sign)1, \(sign)(\(grade) = 3), \(sign)(\(grade) = 4)
            FROM \(source) WHERE \(filter) AND \(condition)
            """) + (sign == "-" ? dropEmpty(keysFrom: "SELECT \(auditKey) FROM \(source) WHERE \(filter)") : "")
    }

    /// The counted audit `auditID`'s `graded` moved by `sign` if it has official domain grades
    /// now, and `condition` holds.
    static func graded(_ sign: String, auditID: String, when condition: String = "true") -> String {
        "UPDATE audit_tally SET graded = graded \(sign) \(hasGrades(auditID)) WHERE \(condition) AND (\(key)) = \(keyOfCounted(auditID));"
    }

    /// The audit a moderation's domain grade belongs to.
    static func auditOfModeration(_ moderationID: String) -> String {
        "(SELECT m.audit_id FROM moderation m WHERE m.id = \(moderationID))"
    }

    /// The triggers of a table of domain grades. The grade moves its domain's tally; its
    /// audit's `graded` moves when the grade is the audit's first official one or its last
    /// (`siblings`: the official grades of the same kind beside it). An update, which Assay
    /// never makes to a grade but a hand might, takes `graded` out before and puts it back after.
    static func gradeTriggers(table: String, auditOf audit: (String) -> String, grade: String, stands: (String) -> String,
                              siblings: (String) -> String) -> String {
        let moved = "\(audit("NEW")) IS NOT \(audit("OLD"))"
        return """
            CREATE TRIGGER \(table)_tally_insert AFTER INSERT ON \(table) WHEN \(stands("NEW"))
            BEGIN
                \(oneGrade("+", auditID: audit("NEW"), section: "NEW.section_id", grade: "NEW.\(grade)", condition: "true"))
                UPDATE audit_tally SET graded = graded + 1
                WHERE (SELECT count(*) FROM (\(siblings("NEW")))) = 1 AND (\(key)) = \(keyOfCounted(audit("NEW")));
            END;
            CREATE TRIGGER \(table)_tally_delete AFTER DELETE ON \(table) WHEN \(stands("OLD"))
            BEGIN
                \(oneGrade("-", auditID: audit("OLD"), section: "OLD.section_id", grade: "OLD.\(grade)", condition: "true"))
                UPDATE audit_tally SET graded = graded - 1
                WHERE NOT EXISTS (\(siblings("OLD"))) AND (\(key)) = \(keyOfCounted(audit("OLD")));
            END;
            CREATE TRIGGER \(table)_tally_before_update BEFORE UPDATE ON \(table)
            BEGIN
                \(graded("-", auditID: audit("OLD")))
                \(graded("-", auditID: audit("NEW"), when: moved))
            END;
            CREATE TRIGGER \(table)_tally_update AFTER UPDATE ON \(table)
            BEGIN
                \(oneGrade("-", auditID: audit("OLD"), section: "OLD.section_id", grade: "OLD.\(grade)", condition: stands("OLD")))
                \(oneGrade("+", auditID: audit("NEW"), section: "NEW.section_id", grade: "NEW.\(grade)", condition: stands("NEW")))
                \(graded("+", auditID: audit("OLD")))
                \(graded("+", auditID: audit("NEW"), when: moved))
            END;
            """
    }

    /// The tallies of the audits already there, counted at once.
    static var backfill: String {
        """
        INSERT INTO audit_tally (\(key), audits, inadequate, graded)
            SELECT \(auditKey), count(*), sum(\(officialOverall("a")) = 4), sum(\(hasGrades("a.id"))) FROM audit a
            WHERE \(counted("a")) GROUP BY \(auditKey);
        INSERT INTO audit_domain_tally (\(key), section_id, audits, requires_improvement, inadequate)
            SELECT \(key), section_id, count(*), sum(grade = 3), sum(grade = 4)
            FROM (\(gradeRows(officialGrades, source: "audit a", filter: counted("a"))))
            GROUP BY \(key), section_id;
        """
    }

    static var schema: String {
        let countedColumns = "status, unsampled, reaudit, overall, draw_id, month, team, locality, service"
        let current = countedAudit("NEW.audit_id"), previous = countedAudit("OLD.audit_id")
        return """
            CREATE TABLE audit_tally (
                month TEXT NOT NULL,
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT NOT NULL,
                audits INTEGER NOT NULL,
                inadequate INTEGER NOT NULL,
                graded INTEGER NOT NULL,
                PRIMARY KEY (\(key))
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE audit_domain_tally (
                month TEXT NOT NULL,
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT NOT NULL,
                section_id TEXT NOT NULL,
                audits INTEGER NOT NULL,
                requires_improvement INTEGER NOT NULL,
                inadequate INTEGER NOT NULL,
                PRIMARY KEY (\(key), section_id)
            ) STRICT, WITHOUT ROWID;

            \(backfill)

            CREATE TRIGGER audit_tally_insert AFTER INSERT ON audit WHEN \(counted("NEW"))
            BEGIN \(whole("+", source: countedAudit("NEW.id").source, filter: countedAudit("NEW.id").filter)) END;
            CREATE TRIGGER audit_tally_update_old AFTER UPDATE OF \(countedColumns) ON audit WHEN \(counted("OLD"))
            BEGIN \(whole("-", source: oldAudit, filter: "true")) END;
            CREATE TRIGGER audit_tally_update_new AFTER UPDATE OF \(countedColumns) ON audit WHEN \(counted("NEW"))
            BEGIN \(whole("+", source: countedAudit("NEW.id").source, filter: countedAudit("NEW.id").filter)) END;
            CREATE TRIGGER audit_tally_delete AFTER DELETE ON audit WHEN \(counted("OLD"))
            BEGIN \(whole("-", source: oldAudit, filter: "true")) END;

            CREATE TRIGGER moderation_tally_insert AFTER INSERT ON moderation
            BEGIN
                \(unmoderated("-", auditID: "NEW.audit_id"))
                \(whole("+", source: current.source, filter: current.filter))
            END;
            CREATE TRIGGER moderation_tally_update AFTER UPDATE OF audit_id, agreed_overall ON moderation
            BEGIN
                \(moderatedBy("-", auditID: "OLD.audit_id", agreedOverall: "OLD.agreed_overall", moderationID: "OLD.id"))
                \(whole("+", source: previous.source, filter: previous.filter))
                \(unmoderated("-", auditID: "NEW.audit_id", when: "NEW.audit_id IS NOT OLD.audit_id"))
                \(whole("+", source: current.source, filter: current.filter + " AND NEW.audit_id IS NOT OLD.audit_id"))
            END;
            CREATE TRIGGER moderation_tally_delete AFTER DELETE ON moderation
            BEGIN
                \(moderatedBy("-", auditID: "OLD.audit_id", agreedOverall: "OLD.agreed_overall", moderationID: "OLD.id"))
                \(whole("+", source: previous.source, filter: previous.filter))
            END;

            \(gradeTriggers(table: "audit_section_grade", auditOf: { "\($0).audit_id" }, grade: "grade",
                            stands: { "NOT \(moderated("\($0).audit_id"))" },
                            siblings: { "SELECT 1 FROM audit_section_grade s WHERE s.audit_id = \($0).audit_id" }))
            \(gradeTriggers(table: "moderation_section_grade", auditOf: { auditOfModeration("\($0).moderation_id") }, grade: "agreed_grade",
                            stands: { "\($0).agreed_grade IS NOT NULL" },
                            siblings: { "SELECT 1 FROM moderation_section_grade s WHERE s.moderation_id = \($0).moderation_id AND s.agreed_grade IS NOT NULL" }))
            """
    }
}

/// The rules that decide what Assay's figures mean, each written once, as an SQL fragment
/// every report, export, return and draw builds its query from (GRDB's "turn commonly used
/// requests into methods"). A rule spelled out again elsewhere would agree with this one only
/// until one of them changed; `AuditRulesSpellingTests` fails when a source file outside this
/// folder spells one of them out, and `AuditRulesTests` checks each consumer against the rule.
///
/// Fragments take the SQL aliases of the tables they speak of (`audit a` by default) and
/// never a value: values are bound as parameters, at the `?` a fragment documents.
/// docs/architecture.md lists the rules and their consumers.
public enum AuditRules {
    // MARK: Which audits count

    /// True for the audits reports count (docs/reports.md, "What reports count"): submitted,
    /// with an overall grade, of a case drawn in its month's random sample. Left out: audits in
    /// progress (or reopened for amendment), ad-hoc audits (`unsampled = 1`) and re-audits
    /// (`reaudit = 1`), which were picked rather than drawn and so say nothing about a stratum.
    ///
    /// `draw_id IS NOT NULL` and the two flags say the same thing twice: an ad-hoc audit or a
    /// re-audit is stored with no draw (`openAudit` sets a flag only when the case was not
    /// drawn, and an audit of a case not drawn needs one of them). Both are kept so that the
    /// rule holds even for a row that broke that invariant, and `audit_reported` holds every
    /// column named here, so SQLite reads the index alone.
    public static func counted(_ audit: String = "a") -> String {
        "\(audit).status = 'submitted' AND \(audit).unsampled = 0 AND \(audit).reaudit = 0"
            + " AND \(audit).overall IS NOT NULL AND \(audit).draw_id IS NOT NULL"
    }

    /// `counted`, in the months between the two parameters it adds (`?`, `?`: the first and
    /// last month, `YYYY-MM`, both included).
    public static func countedInMonths(_ audit: String = "a") -> String {
        counted(audit) + " AND \(audit).month BETWEEN ? AND ?"
    }

    // MARK: The official grade of an audit

    /// The join that brings an audit's moderation (if any) beside it, as `moderation` for
    /// `officialOverall`.
    public static func joinModeration(audit: String = "a", as moderation: String = "m") -> String {
        "LEFT JOIN moderation \(moderation) ON \(moderation).audit_id = \(audit).id"
    }

    /// An audit's official overall grade, the one every report, return, evidence pack and
    /// Neyman history counts (docs/moderation.md, "Agreed grades"): the agreed grade where it
    /// was moderated, else its auditor's. Needs `joinModeration` (or an inner join to
    /// `moderation`, where it is the agreed grade).
    public static func officialOverall(audit: String = "a", moderation: String = "m") -> String {
        "coalesce(\(moderation).agreed_overall, \(audit).overall)"
    }

    /// True for an audit whose first auditor's domain grades (`audit_section_grade`) are its
    /// official ones: it was never moderated. A moderated audit's official domain grades are
    /// `officialDomainGrade` of its `moderation_section_grade` rows.
    public static func firstDomainGradesStand(audit: String = "a") -> String {
        "NOT EXISTS (SELECT 1 FROM moderation fm WHERE fm.audit_id = \(audit).id)"
    }

    /// A moderated audit's official grade of one domain, from its `moderation_section_grade`
    /// row (aliased `grade`): the agreed grade; a row without one gives no official grade.
    public static func officialDomainGrade(_ grade: String = "g") -> String { "\(grade).agreed_grade" }

    /// One audit's official domain grades, as rows `section_id, grade`; binds the audit's id
    /// twice, at its two `?`. For a reader of a few audits (`report drift`); the reports over
    /// many months join `firstDomainGradesStand` and `officialDomainGrade` into their own
    /// queries instead.
    public static let officialDomainGradesOfOneAudit = """
        SELECT a.section_id, a.grade FROM audit_section_grade a
        WHERE a.audit_id = ? AND NOT EXISTS (SELECT 1 FROM moderation fm WHERE fm.audit_id = a.audit_id)
        UNION ALL
        SELECT g.section_id, \(officialDomainGrade("g")) FROM moderation_section_grade g JOIN moderation m ON m.id = g.moderation_id
        WHERE m.audit_id = ? AND \(officialDomainGrade("g")) IS NOT NULL
        """

    // MARK: What blind moderation hides

    /// True for the audits the viewer must not see the grades, answers and evidence of
    /// (docs/moderation.md, "Blind"): in a current moderation sample, not yet moderated, and
    /// not the viewer's own. Binds the viewer's name once, at its `?`.
    public static func hiddenFromViewer(audit: String = "a") -> String {
        """
        (EXISTS (SELECT 1 FROM moderation_sample_audit hsa JOIN moderation_sample hs ON hs.id = hsa.sample_id
                 WHERE hsa.audit_id = \(audit).id AND hs.status = 'current')
         AND NOT EXISTS (SELECT 1 FROM moderation hm WHERE hm.audit_id = \(audit).id)
         AND \(audit).auditor != ? COLLATE NOCASE)
        """
    }

    // MARK: Which cases a draw may take

    /// The cases `--exclude-recent` keeps out of a draw (docs/sampling.md §4): each case
    /// selected by a current draw of the months between the two parameters (`?`, `?`: the
    /// first and last of the months before the draw's), with the latest month that drew it,
    /// as rows `case_id, month`. Replaced draws do not count: their cases were never audited.
    /// Re-audit additions (`draw_reaudit`) are outside the random sample and do not count.
    public static let recentlyDrawnCases = """
        SELECT c.case_id, max(d.month) AS month FROM draw_case c JOIN draw d ON d.id = c.draw_id
        WHERE d.status = 'current' AND d.month BETWEEN ? AND ? GROUP BY c.case_id
        """

    /// True for the audit (aliased `audit`) that is its case's latest: no audit of the case
    /// is in a later month, or in the same month with a later id. `draw --include-reaudits`
    /// adds a case whose latest audit is submitted and officially inadequate (docs/sampling.md,
    /// "Re-audits").
    public static func latestAuditOfItsCase(_ audit: String = "a") -> String {
        "NOT EXISTS (SELECT 1 FROM audit b WHERE b.case_id = \(audit).case_id AND (b.month > \(audit).month OR (b.month = \(audit).month AND b.id > \(audit).id)))"
    }
}

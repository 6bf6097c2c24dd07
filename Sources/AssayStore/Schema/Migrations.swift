import GRDB

/// The schema, as a list of versioned migrations.
///
/// A migration that has shipped is never edited: a change to the schema is a new migration
/// appended here, so every database ever written by Assay can be brought up to date, and a
/// database written by a newer Assay (one with migrations this build does not know) is
/// refused rather than misread. docs/schema.md documents every table.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation", migrate: v1Foundation)
        migrator.registerMigration("v2-draws", migrate: v2Draws)
        migrator.registerMigration("v3-templates", migrate: v3Templates)
        migrator.registerMigration("v4-audits", migrate: v4Audits)
        migrator.registerMigration("v5-imported-audits", migrate: v5ImportedAudits)
        migrator.registerMigration("v6-report-secret", migrate: v6ReportSecret)
        migrator.registerMigration("v7-action-tracking", migrate: v7ActionTracking)
        migrator.registerMigration("v8-challenges", migrate: v8Challenges)
        migrator.registerMigration("v9-moderation", migrate: v9Moderation)
        migrator.registerMigration("v10-reaudits", migrate: v10Reaudits)
        migrator.registerMigration("v11-hash-chain", migrate: v11HashChain)
        migrator.registerMigration("v12-personal-data", migrate: v12PersonalData)
        migrator.registerMigration("v13-report-index", migrate: v13ReportIndex)
        migrator.registerMigration("v14-due-dates", migrate: v14DueDates)
        migrator.registerMigration("v15-logins", migrate: v15Logins)
        migrator.registerMigration("v16-set-aside", migrate: v16SetAside)
        migrator.registerMigration("v17-or-checks", migrate: v17OrChecks)
        migrator.registerMigration("v18-team-index", migrate: v18TeamIndex)
        migrator.registerMigration("v19-log-blocks", migrate: v19LogBlocks)
        migrator.registerMigration("v20-monthly-tally", migrate: v20MonthlyTally)
        return migrator
    }

    /// People, register frames and their cases, and the append-only audit log.
    private static func v1Foundation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user_name TEXT NOT NULL,
                os_login TEXT NOT NULL,
                table_name TEXT NOT NULL,
                row_id INTEGER NOT NULL,
                operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
                before_sha256 TEXT,
                after_sha256 TEXT
            ) STRICT;
            CREATE INDEX audit_log_by_row ON audit_log(table_name, row_id);
            CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

            CREATE TABLE people (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                role TEXT NOT NULL CHECK (role IN ('auditor', 'moderator', 'lead')),
                team TEXT,
                added_at TEXT NOT NULL,
                added_by TEXT NOT NULL
            ) STRICT;

            CREATE TABLE frame (
                id INTEGER PRIMARY KEY,
                as_of TEXT NOT NULL,
                source_name TEXT NOT NULL,
                source_sha256 TEXT NOT NULL,
                rows_sha256 TEXT,
                row_count INTEGER NOT NULL,
                kept_attributes TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                imported_by TEXT NOT NULL
            ) STRICT;

            CREATE TABLE frame_case (
                id INTEGER PRIMARY KEY,
                frame_id INTEGER NOT NULL REFERENCES frame(id),
                case_id TEXT NOT NULL,
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT CHECK (service IN ('front-door', 'assessment', 'child-in-need',
                    'child-protection', 'child-in-care', 'care-leaver', 'disabled-children',
                    'early-help')),
                worker TEXT,
                opened TEXT,
                attributes TEXT,
                source_line INTEGER NOT NULL,
                UNIQUE (frame_id, case_id)
            ) STRICT;
            CREATE INDEX frame_case_by_stratum ON frame_case(frame_id, team, locality);
            """)
    }

    /// Monthly sample draws: every input, the allocation table, exclusions and the cases.
    private static func v2Draws(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE draw (
                id INTEGER PRIMARY KEY,
                month TEXT NOT NULL,
                frame_id INTEGER NOT NULL REFERENCES frame(id),
                frame_source_sha256 TEXT NOT NULL,
                frame_rows_sha256 TEXT NOT NULL,
                seed TEXT NOT NULL,
                seed_given INTEGER NOT NULL CHECK (seed_given IN (0, 1)),
                algorithm TEXT NOT NULL,
                by_fields TEXT NOT NULL,
                services TEXT,
                requested_size INTEGER,
                per_stratum INTEGER,
                allocation_requested TEXT NOT NULL CHECK (allocation_requested IN ('proportional', 'equal', 'neyman')),
                allocation_used TEXT NOT NULL CHECK (allocation_used IN ('proportional', 'equal', 'neyman', 'per-stratum')),
                min_per_stratum INTEGER NOT NULL,
                exclude_recent INTEGER NOT NULL,
                total INTEGER NOT NULL,
                drawn_at TEXT NOT NULL,
                drawn_by TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('current', 'replaced')),
                replaces_draw_id INTEGER REFERENCES draw(id),
                replace_reason TEXT
            ) STRICT;
            CREATE UNIQUE INDEX draw_one_current_per_month ON draw(month) WHERE status = 'current';

            CREATE TABLE draw_stratum (
                id INTEGER PRIMARY KEY,
                draw_id INTEGER NOT NULL REFERENCES draw(id),
                position INTEGER NOT NULL,
                stratum_key TEXT NOT NULL,
                population INTEGER NOT NULL,
                eligible INTEGER NOT NULL,
                sample INTEGER NOT NULL,
                neyman_p REAL,
                inclusion_probability REAL,
                UNIQUE (draw_id, position)
            ) STRICT;

            CREATE TABLE draw_exclusion (
                id INTEGER PRIMARY KEY,
                draw_id INTEGER NOT NULL REFERENCES draw(id),
                case_id TEXT NOT NULL,
                excluded_by_month TEXT NOT NULL,
                UNIQUE (draw_id, case_id)
            ) STRICT;

            CREATE TABLE draw_case (
                id INTEGER PRIMARY KEY,
                draw_id INTEGER NOT NULL REFERENCES draw(id),
                case_id TEXT NOT NULL,
                stratum_position INTEGER NOT NULL,
                ticket TEXT NOT NULL,
                UNIQUE (draw_id, case_id)
            ) STRICT;
            CREATE INDEX draw_case_by_case ON draw_case(case_id);
            """)
    }

    /// Audit templates, registered by id, version and content hash.
    private static func v3Templates(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE template (
                id INTEGER PRIMARY KEY,
                template_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                title TEXT NOT NULL,
                content TEXT NOT NULL,
                content_sha256 TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                registered_by TEXT NOT NULL,
                UNIQUE (template_id, version)
            ) STRICT;
            """)
    }

    /// Audits of drawn (or ad-hoc) cases, their answers, section grades, actions and
    /// amendments; escalations of children unsafe now; the month's share-out to auditors.
    private static func v4Audits(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                month TEXT NOT NULL,
                case_id TEXT NOT NULL,
                draw_id INTEGER REFERENCES draw(id),
                unsampled INTEGER NOT NULL CHECK (unsampled IN (0, 1)),
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT,
                worker TEXT,
                template_id TEXT NOT NULL,
                template_version INTEGER NOT NULL,
                template_sha256 TEXT NOT NULL,
                auditor TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
                suggested_overall INTEGER CHECK (suggested_overall BETWEEN 1 AND 4),
                overall INTEGER CHECK (overall BETWEEN 1 AND 4),
                overall_reason TEXT,
                started_at TEXT NOT NULL,
                submitted_at TEXT,
                UNIQUE (month, case_id)
            ) STRICT;
            CREATE INDEX audit_by_case ON audit(case_id);

            CREATE TABLE audit_answer (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                question_id TEXT NOT NULL,
                value TEXT,
                grade INTEGER CHECK (grade BETWEEN 1 AND 4),
                skipped INTEGER NOT NULL CHECK (skipped IN (0, 1)),
                evidence TEXT,
                reason TEXT,
                answered_at TEXT NOT NULL,
                answered_by TEXT NOT NULL,
                UNIQUE (audit_id, question_id)
            ) STRICT;

            CREATE TABLE audit_section_grade (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                section_id TEXT NOT NULL,
                grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
                UNIQUE (audit_id, section_id)
            ) STRICT;

            CREATE TABLE audit_action (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                what TEXT NOT NULL,
                owner TEXT NOT NULL,
                due TEXT NOT NULL,
                raised_at TEXT NOT NULL,
                raised_by TEXT NOT NULL
            ) STRICT;

            CREATE TABLE audit_amendment (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                reason TEXT NOT NULL,
                amended_at TEXT NOT NULL,
                amended_by TEXT NOT NULL,
                submitted_json TEXT NOT NULL
            ) STRICT;

            CREATE TABLE escalation (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                case_id TEXT NOT NULL,
                concern TEXT NOT NULL,
                escalated_to TEXT NOT NULL,
                raised_at TEXT NOT NULL,
                raised_by TEXT NOT NULL,
                response TEXT,
                responded_at TEXT,
                responded_by TEXT
            ) STRICT;

            CREATE TABLE assignment (
                id INTEGER PRIMARY KEY,
                draw_id INTEGER NOT NULL REFERENCES draw(id),
                case_id TEXT NOT NULL,
                auditor TEXT NOT NULL,
                assigned_at TEXT NOT NULL,
                assigned_by TEXT NOT NULL,
                UNIQUE (draw_id, case_id)
            ) STRICT;
            """)
    }

    /// Past audits made before Assay, imported from a file (docs/audits.md, "Importing past
    /// audits"): each import, its audits, and their domain grades. One (month, case) is
    /// unique among imported audits; the importer also refuses one that has an Assay audit.
    private static func v5ImportedAudits(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_import (
                id INTEGER PRIMARY KEY,
                source_name TEXT NOT NULL,
                source_sha256 TEXT NOT NULL,
                row_count INTEGER NOT NULL,
                imported_at TEXT NOT NULL,
                imported_by TEXT NOT NULL
            ) STRICT;

            CREATE TABLE imported_audit (
                id INTEGER PRIMARY KEY,
                import_id INTEGER NOT NULL REFERENCES audit_import(id),
                month TEXT NOT NULL,
                case_id TEXT NOT NULL,
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT CHECK (service IN ('front-door', 'assessment', 'child-in-need',
                    'child-protection', 'child-in-care', 'care-leaver', 'disabled-children',
                    'early-help')),
                overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 4),
                auditor TEXT,
                source_line INTEGER NOT NULL,
                UNIQUE (month, case_id)
            ) STRICT;
            CREATE INDEX imported_audit_by_import ON imported_audit(import_id);

            CREATE TABLE imported_domain_grade (
                id INTEGER PRIMARY KEY,
                imported_audit_id INTEGER NOT NULL REFERENCES imported_audit(id),
                section_id TEXT NOT NULL,
                grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
                UNIQUE (imported_audit_id, section_id)
            ) STRICT;
            """)
    }

    /// Privacy of reports (docs/reports.md, "Privacy: pseudonyms and --reveal"): the
    /// database's secret for case pseudonyms — one row, created on first need, never changed
    /// or deleted — and the append-only log of every `--reveal` of real case ids.
    private static func v6ReportSecret(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE report_secret (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                secret BLOB NOT NULL CHECK (length(secret) = 32),
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            ) STRICT;
            CREATE TRIGGER report_secret_never_changes BEFORE UPDATE ON report_secret
                BEGIN SELECT RAISE(ABORT, 'the report secret never changes'); END;
            CREATE TRIGGER report_secret_is_never_deleted BEFORE DELETE ON report_secret
                BEGIN SELECT RAISE(ABORT, 'the report secret is never deleted'); END;

            CREATE TABLE reveal_log (
                id INTEGER PRIMARY KEY,
                revealed_at TEXT NOT NULL,
                revealed_by TEXT NOT NULL,
                os_login TEXT NOT NULL,
                report TEXT NOT NULL,
                arguments TEXT NOT NULL
            ) STRICT;
            CREATE TRIGGER reveal_log_is_append_only_update BEFORE UPDATE ON reveal_log
                BEGIN SELECT RAISE(ABORT, 'reveal_log is append-only'); END;
            CREATE TRIGGER reveal_log_is_append_only_delete BEFORE DELETE ON reveal_log
                BEGIN SELECT RAISE(ABORT, 'reveal_log is append-only'); END;
            """)
    }
}

extension Migrations {
    /// Challenges to submitted grades (docs/audits.md, "Challenges"): who challenged which
    /// audit's question (null: the overall grade) and why, and a moderator's or lead's
    /// resolution — accepted, partly accepted or rejected, with the reason.
    static func v8Challenges(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE challenge (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                question_id TEXT,
                comment TEXT NOT NULL,
                challenger TEXT NOT NULL,
                raised_at TEXT NOT NULL,
                raised_by TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'partly_accepted', 'rejected')),
                resolution_reason TEXT,
                resolved_by TEXT,
                resolved_at TEXT
            ) STRICT;
            CREATE INDEX challenge_by_audit ON challenge(audit_id);
            CREATE INDEX challenge_by_status ON challenge(status);
            """)
    }
}

import GRDB

extension Migrations {
    /// Moderation (docs/moderation.md): each month's moderation sample of submitted audits
    /// (seed, share, the audits chosen and their tickets; a replaced sample is kept), and each
    /// moderation — the moderator's blind answers and grades, and the agreed grades that
    /// reports count. One moderation per audit.
    static func v9Moderation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE moderation_sample (
                id INTEGER PRIMARY KEY,
                month TEXT NOT NULL,
                seed TEXT NOT NULL,
                seed_given INTEGER NOT NULL CHECK (seed_given IN (0, 1)),
                algorithm TEXT NOT NULL,
                share REAL NOT NULL CHECK (share > 0 AND share <= 1),
                population INTEGER NOT NULL,
                auditors INTEGER NOT NULL,
                total INTEGER NOT NULL,
                sampled_at TEXT NOT NULL,
                sampled_by TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('current', 'replaced')),
                replaces_sample_id INTEGER REFERENCES moderation_sample(id),
                replace_reason TEXT
            ) STRICT;
            CREATE UNIQUE INDEX moderation_sample_one_current_per_month ON moderation_sample(month) WHERE status = 'current';

            CREATE TABLE moderation_sample_audit (
                id INTEGER PRIMARY KEY,
                sample_id INTEGER NOT NULL REFERENCES moderation_sample(id),
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                auditor TEXT NOT NULL,
                ticket TEXT NOT NULL,
                chosen_as TEXT NOT NULL CHECK (chosen_as IN ('auditor', 'share')),
                UNIQUE (sample_id, audit_id)
            ) STRICT;
            CREATE INDEX moderation_sample_audit_by_audit ON moderation_sample_audit(audit_id);

            CREATE TABLE moderation (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL UNIQUE REFERENCES audit(id),
                sample_id INTEGER REFERENCES moderation_sample(id),
                moderator TEXT NOT NULL,
                moderated_at TEXT NOT NULL,
                first_overall INTEGER CHECK (first_overall BETWEEN 1 AND 4),
                blind_suggested_overall INTEGER CHECK (blind_suggested_overall BETWEEN 1 AND 4),
                blind_overall INTEGER NOT NULL CHECK (blind_overall BETWEEN 1 AND 4),
                blind_reason TEXT,
                agreed_overall INTEGER NOT NULL CHECK (agreed_overall BETWEEN 1 AND 4),
                agreed_reason TEXT
            ) STRICT;

            CREATE TABLE moderation_answer (
                id INTEGER PRIMARY KEY,
                moderation_id INTEGER NOT NULL REFERENCES moderation(id),
                question_id TEXT NOT NULL,
                value TEXT,
                grade INTEGER CHECK (grade BETWEEN 1 AND 4),
                evidence TEXT,
                reason TEXT,
                agreed_grade INTEGER CHECK (agreed_grade BETWEEN 1 AND 4),
                UNIQUE (moderation_id, question_id)
            ) STRICT;

            CREATE TABLE moderation_section_grade (
                id INTEGER PRIMARY KEY,
                moderation_id INTEGER NOT NULL REFERENCES moderation(id),
                section_id TEXT NOT NULL,
                first_grade INTEGER CHECK (first_grade BETWEEN 1 AND 4),
                blind_grade INTEGER CHECK (blind_grade BETWEEN 1 AND 4),
                agreed_grade INTEGER CHECK (agreed_grade BETWEEN 1 AND 4),
                UNIQUE (moderation_id, section_id)
            ) STRICT;
            """)
    }
}

import AssayCore

/// The hub's schema as numbered migrations, applied in order and recorded in
/// `hub_schema_version`, as the authority database records its own (docs/regional.md,
/// "The hub's tables"). A migration is never edited once shipped; a change is a new one.
public enum HubMigrations {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
    }

    public static let all: [Migration] = [
        Migration(version: 1, name: "returns", sql: returns),
        Migration(version: 2, name: "roles-and-row-security", sql: rolesAndRowSecurity),
        Migration(version: 3, name: "domain-month-totals", sql: domainMonthTotals),
    ]

    /// Authorities, their returns as received, each return's strata and domain tallies, which
    /// return is current for each authority's month, and the log of imports.
    static let returns = """
        CREATE TABLE authority (
            id serial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            key_id text NOT NULL UNIQUE CHECK (key_id ~ '^[0-9a-f]{64}$'),
            public_key text NOT NULL,
            neighbours text,
            login text UNIQUE,
            added_at timestamptz NOT NULL DEFAULT now(),
            added_by text NOT NULL DEFAULT current_user
        );

        CREATE TABLE authority_return (
            id bigserial PRIMARY KEY,
            authority_id integer NOT NULL REFERENCES authority(id),
            from_month text NOT NULL,
            to_month text NOT NULL,
            digest text NOT NULL,
            signature text NOT NULL,
            chain_head text NOT NULL,
            counts_mode text NOT NULL CHECK (counts_mode IN ('exact', 'suppressed')),
            suppress_below integer,
            made_at text NOT NULL,
            as_of text NOT NULL,
            assay_version text NOT NULL,
            signed_return text NOT NULL,
            imported_at timestamptz NOT NULL DEFAULT now(),
            imported_by text NOT NULL DEFAULT current_user,
            superseded_by bigint REFERENCES authority_return(id),
            UNIQUE (authority_id, digest)
        );

        CREATE TABLE return_stratum (
            return_id bigint NOT NULL REFERENCES authority_return(id),
            authority_id integer NOT NULL REFERENCES authority(id),
            month text NOT NULL,
            origin text NOT NULL CHECK (origin IN ('drawn', 'imported')),
            draw bigint,
            position integer,
            key jsonb NOT NULL,
            team text,
            locality text,
            service text,
            frame_hidden boolean NOT NULL,
            frame_cases integer,
            audited integer,
            grade1 integer, grade2 integer, grade3 integer, grade4 integer,
            moderated integer, same_overall integer,
            actions_raised integer, actions_on_time integer, actions_overdue integer
        );
        CREATE INDEX return_stratum_by_return ON return_stratum (return_id, month);

        CREATE TABLE return_domain (
            return_id bigint NOT NULL REFERENCES authority_return(id),
            authority_id integer NOT NULL REFERENCES authority(id),
            month text NOT NULL,
            draw bigint,
            position integer,
            section text NOT NULL,
            grade1 integer, grade2 integer, grade3 integer, grade4 integer
        );
        CREATE INDEX return_domain_by_return ON return_domain (return_id, month);

        -- Which return is current for each authority's month: the latest made that covers it.
        CREATE TABLE authority_month (
            authority_id integer NOT NULL REFERENCES authority(id),
            month text NOT NULL,
            return_id bigint NOT NULL REFERENCES authority_return(id),
            PRIMARY KEY (authority_id, month)
        );

        CREATE TABLE hub_log (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            by_login text NOT NULL DEFAULT current_user,
            action text NOT NULL,
            authority_id integer REFERENCES authority(id),
            return_id bigint REFERENCES authority_return(id),
            detail text NOT NULL
        );

        -- The strata the regional reports count: each authority's month from its current return.
        -- security_invoker: read through the view, row-level security still applies to the reader.
        CREATE VIEW current_stratum WITH (security_invoker = true) AS
            SELECT s.* FROM return_stratum s
            JOIN authority_month m ON m.return_id = s.return_id AND m.month = s.month AND m.authority_id = s.authority_id;
        CREATE VIEW current_domain WITH (security_invoker = true) AS
            SELECT d.* FROM return_domain d
            JOIN authority_month m ON m.return_id = d.return_id AND m.month = d.month AND m.authority_id = d.authority_id;
        """

    /// Two group roles and row-level security (docs/regional.md, "Who sees what"): a regional
    /// analyst reads every row; an authority's login reads its own authority's rows and the
    /// published regional aggregates (`regional_month`, over at least three authorities);
    /// neither writes. Roles are the server's, shared by every hub database on it.
    static let rolesAndRowSecurity = """
        DO $$ BEGIN
            BEGIN CREATE ROLE assay_hub_analyst NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
            BEGIN CREATE ROLE assay_hub_authority NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        END $$;

        ALTER TABLE authority ENABLE ROW LEVEL SECURITY;
        ALTER TABLE authority_return ENABLE ROW LEVEL SECURITY;
        ALTER TABLE return_stratum ENABLE ROW LEVEL SECURITY;
        ALTER TABLE return_domain ENABLE ROW LEVEL SECURITY;
        ALTER TABLE authority_month ENABLE ROW LEVEL SECURITY;
        ALTER TABLE hub_log ENABLE ROW LEVEL SECURITY;

        CREATE POLICY analyst_reads_all ON authority FOR SELECT TO assay_hub_analyst USING (true);
        CREATE POLICY analyst_reads_all ON authority_return FOR SELECT TO assay_hub_analyst USING (true);
        CREATE POLICY analyst_reads_all ON return_stratum FOR SELECT TO assay_hub_analyst USING (true);
        CREATE POLICY analyst_reads_all ON return_domain FOR SELECT TO assay_hub_analyst USING (true);
        CREATE POLICY analyst_reads_all ON authority_month FOR SELECT TO assay_hub_analyst USING (true);
        CREATE POLICY analyst_reads_all ON hub_log FOR SELECT TO assay_hub_analyst USING (true);

        CREATE POLICY authority_reads_own ON authority FOR SELECT TO assay_hub_authority USING (login = current_user);
        CREATE POLICY authority_reads_own ON authority_return FOR SELECT TO assay_hub_authority
            USING (authority_id IN (SELECT id FROM authority WHERE login = current_user));
        CREATE POLICY authority_reads_own ON return_stratum FOR SELECT TO assay_hub_authority
            USING (authority_id IN (SELECT id FROM authority WHERE login = current_user));
        CREATE POLICY authority_reads_own ON return_domain FOR SELECT TO assay_hub_authority
            USING (authority_id IN (SELECT id FROM authority WHERE login = current_user));
        CREATE POLICY authority_reads_own ON authority_month FOR SELECT TO assay_hub_authority
            USING (authority_id IN (SELECT id FROM authority WHERE login = current_user));
        CREATE POLICY authority_reads_own ON hub_log FOR SELECT TO assay_hub_authority
            USING (authority_id IN (SELECT id FROM authority WHERE login = current_user));

        -- Published: the region's month totals over every authority, shown only where at least
        -- three authorities returned the month (one or two would give an authority's own back).
        -- A view runs as its owner, so it reads past row-level security: that is the point.
        CREATE VIEW regional_month AS
            SELECT s.month, count(DISTINCT s.authority_id) AS authorities,
                   sum(s.audited) AS audited, sum(s.grade4) AS inadequate
            FROM return_stratum s
            JOIN authority_month m ON m.return_id = s.return_id AND m.month = s.month AND m.authority_id = s.authority_id
            WHERE s.audited IS NOT NULL AND s.grade4 IS NOT NULL
            GROUP BY s.month HAVING count(DISTINCT s.authority_id) >= 3;

        GRANT SELECT ON authority, authority_return, return_stratum, return_domain, authority_month, hub_log,
            current_stratum, current_domain, hub_schema_version TO assay_hub_analyst, assay_hub_authority;
        GRANT SELECT ON regional_month TO assay_hub_analyst, assay_hub_authority;

        -- Logins are made by name through this function, so the name is a bound parameter
        -- quoted by format('%I'), never SQL typed by a user.
        CREATE FUNCTION hub_create_login(login text, grp text) RETURNS void LANGUAGE plpgsql AS $f$
        BEGIN
            IF grp NOT IN ('assay_hub_analyst', 'assay_hub_authority') THEN
                RAISE EXCEPTION 'unknown hub group %', grp;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
                EXECUTE format('CREATE ROLE %I LOGIN', login);
            END IF;
            EXECUTE format('GRANT %I TO %I', grp, login);
        END $f$;
        REVOKE ALL ON FUNCTION hub_create_login(text, text) FROM PUBLIC;
        """

    /// Each return's domain tallies summed per month and section (`return_domain_month`), made
    /// by `hub_total_domains(return)` at import and here for the returns already held: the
    /// domains report reads 90,000 totals for ten years of a region instead of 1.8 million
    /// tallies (docs/performance.md). Readable as `return_domain` is.
    static let domainMonthTotals = """
        CREATE TABLE return_domain_month (
            return_id bigint NOT NULL REFERENCES authority_return(id),
            authority_id integer NOT NULL REFERENCES authority(id),
            month text NOT NULL,
            section text NOT NULL,
            graded bigint NOT NULL,
            requires_improvement bigint NOT NULL,
            inadequate bigint NOT NULL,
            -- Tally rows with a grade hidden ([c]): their shown grades are in the sums, as before.
            hidden_rows bigint NOT NULL,
            PRIMARY KEY (return_id, month, section)
        );

        CREATE FUNCTION hub_total_domains(ret bigint) RETURNS void LANGUAGE sql AS $f$
            INSERT INTO return_domain_month
            SELECT return_id, authority_id, month, section,
                   sum(coalesce(grade1, 0) + coalesce(grade2, 0) + coalesce(grade3, 0) + coalesce(grade4, 0)),
                   sum(coalesce(grade3, 0)), sum(coalesce(grade4, 0)),
                   count(*) FILTER (WHERE grade1 IS NULL OR grade2 IS NULL OR grade3 IS NULL OR grade4 IS NULL)
            FROM return_domain WHERE return_id = ret
            GROUP BY return_id, authority_id, month, section;
        $f$;
        REVOKE ALL ON FUNCTION hub_total_domains(bigint) FROM PUBLIC;
        SELECT hub_total_domains(id) FROM authority_return;

        ALTER TABLE return_domain_month ENABLE ROW LEVEL SECURITY;
        CREATE POLICY analyst_reads_all ON return_domain_month FOR SELECT TO assay_hub_analyst USING (true);
        CREATE POLICY authority_reads_own ON return_domain_month FOR SELECT TO assay_hub_authority
            USING (authority_id IN (SELECT id FROM authority WHERE login = current_user));
        GRANT SELECT ON return_domain_month TO assay_hub_analyst, assay_hub_authority;
        """

    /// Applies every migration not yet recorded, each in its own transaction, under an
    /// advisory lock so two `hub init`s at once apply each migration once. Returns the
    /// versions applied. `through` stops after that version: how a test builds a hub as an
    /// older Assay left it, to check that the current code upgrades it (`HubUpgradeTests`);
    /// `hub init` and every hub command apply them all.
    @discardableResult
    public static func migrate(_ db: PostgresConnection, through last: Int = .max) throws -> [Int] {
        try db.execute(script: """
            CREATE TABLE IF NOT EXISTS hub_schema_version (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                applied_by text NOT NULL DEFAULT current_user
            )
            """)
        var applied: [Int] = []
        for migration in all where migration.version <= last {
            let done = try db.transaction { () -> Bool in
                try db.query("SELECT pg_advisory_xact_lock(23230001)")
                let rows = try db.query("SELECT 1 FROM hub_schema_version WHERE version = $1", [String(migration.version)])
                if rows.count > 0 { return false }
                try db.execute(script: migration.sql)
                try db.query("INSERT INTO hub_schema_version (version, name) VALUES ($1, $2)", [String(migration.version), migration.name])
                return true
            }
            if done { applied.append(migration.version) }
        }
        return applied
    }

    /// The latest version applied, or nil on a database `hub init` has not prepared.
    public static func currentVersion(_ db: PostgresConnection) throws -> Int? {
        let exists = try db.query("SELECT to_regclass('hub_schema_version') IS NOT NULL AS present")
        guard exists.value(0, "present") == "t" else { return nil }
        return try db.query("SELECT max(version) AS v FROM hub_schema_version").value(0, "v").flatMap { Int($0) }
    }
}

import AssayCore
import AssayReturn
import Foundation

extension Hub {
    /// What importing one return did.
    public enum ImportOutcome: Sendable, Equatable {
        /// New: stored as return `id`, current for its months; `superseded` the earlier returns
        /// it replaced for some of them.
        case imported(id: Int64, authority: String, superseded: [Int64])
        /// The same return (same signed bytes) was imported before: nothing changed.
        case unchanged(id: Int64, authority: String)
    }

    /// Imports one return file: read strictly (the schema), its signature verified with the
    /// public key the hub holds for the key it names, then stored whole in one transaction
    /// or not at all. The same return again changes nothing; a later return for the same
    /// months supersedes the earlier for those months, and the hub's log says so; an older
    /// one than the hub holds is refused.
    public func importReturn(bytes: [UInt8], source: String) throws -> ImportOutcome {
        let signed = try SignedReturn(fileBytes: bytes, source: source)
        let body = signed.body
        return try db.retryingTransaction {
            let found = try db.query("SELECT id, name, public_key FROM authority WHERE key_id = $1", [signed.keyID])
            guard found.count == 1, let id = found.value(0, "id").flatMap(Int.init), let name = found.value(0, "name"),
                  let stored = found.value(0, "public_key")
            else {
                throw HubError.unknownKey(source: source, keyID: signed.keyID, claimed: body.authority)
            }
            let key = try PublicReturnKey(base64: stored, authority: name)
            guard signed.verify(with: key) else {
                throw HubError.signatureFails(source: source, authority: name)
            }
            let same = try db.query("SELECT id FROM authority_return WHERE authority_id = $1 AND digest = $2", [String(id), signed.digest])
            if same.count > 0, let existing = same.value(0, "id").flatMap(Int64.init) {
                return .unchanged(id: existing, authority: name)
            }
            let months = Self.months(from: body.from, to: body.to)
            // The returns now current for these months, and whether any is newer than this one.
            let current = try db.query("""
                SELECT m.month, r.id, r.made_at, r.chain_head FROM authority_month m JOIN authority_return r ON r.id = m.return_id
                WHERE m.authority_id = $1 AND m.month BETWEEN $2 AND $3
                """, [String(id), body.from.description, body.to.description])
            for i in 0..<current.count where Self.isNewer(madeAt: current.value(i, "made_at")!, head: current.value(i, "chain_head")!, than: body) {
                throw HubError.olderReturn(source: source, authority: name, month: current.value(i, "month")!, current: current.value(i, "id")!,
                                           currentMadeAt: current.value(i, "made_at")!, madeAt: "\(body.madeAt)")
            }
            let inserted = try db.query("""
                INSERT INTO authority_return (authority_id, from_month, to_month, digest, signature, chain_head, counts_mode, suppress_below,
                                              made_at, as_of, assay_version, signed_return)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
                """, [String(id), body.from.description, body.to.description, signed.digest,
                      Data(signed.signature).base64EncodedString(), body.chainHead, Self.mode(body.counts), Self.threshold(body.counts),
                      body.madeAt, body.asOf.description, body.assayVersion, String(decoding: bytes, as: UTF8.self)])
            let returnID = Int64(inserted.value(0, "id")!)!
            try insertStrata(body, returnID: returnID, authority: id)
            let previous = Set((0..<current.count).compactMap { current.value($0, "id").flatMap(Int64.init) })
            try db.query("""
                INSERT INTO authority_month (authority_id, month, return_id) SELECT $1, unnest($2::text[]), $3
                ON CONFLICT (authority_id, month) DO UPDATE SET return_id = EXCLUDED.return_id
                """, [String(id), "{" + months.map(\.description).joined(separator: ",") + "}", String(returnID)])
            try log("return imported", authority: id, returnID: returnID,
                    detail: "\(source): \(body.from) to \(body.to), \(body.strata.count) strata, \(Self.mode(body.counts)) counts, chain head \(body.chainHead)")
            var superseded: [Int64] = []
            for old in previous.sorted() {
                let left = try db.query("SELECT count(*) AS n FROM authority_month WHERE return_id = $1", [String(old)])
                let whole = left.value(0, "n") == "0"
                if whole { try db.query("UPDATE authority_return SET superseded_by = $2 WHERE id = $1", [String(old), String(returnID)]) }
                try log("return superseded", authority: id, returnID: old,
                        detail: "return \(returnID) replaces return \(old) for \(body.from) to \(body.to)\(whole ? "" : " (the rest of its months stay current)")")
                superseded.append(old)
            }
            return .imported(id: returnID, authority: name, superseded: superseded)
        }
    }

    /// The strata and domain tallies as two statements, each given its rows as one JSON
    /// parameter (jsonb_to_recordset): a ten-year return is thousands of strata, and one
    /// round trip a row would make 150 authorities' imports take minutes.
    private func insertStrata(_ body: AuthorityReturn, returnID: Int64, authority: Int) throws {
        func figure(_ f: AuthorityReturn.Figure?) -> JSONValue { f?.value.map { .integer(Int64($0)) } ?? .null }
        var strata: [JSONValue] = [], domains: [JSONValue] = []
        for s in body.strata {
            let place: [String: JSONValue] = [
                "month": .string(s.month.description), "draw": s.draw.map { .integer($0) } ?? .null,
                "position": s.position.map { .integer(Int64($0)) } ?? .null,
            ]
            var row = place
            row["origin"] = .string(s.isImported ? "imported" : "drawn")
            row["key"] = .string(JSONValue.object(s.key.mapValues(JSONValue.string)).canonicalText)
            row["team"] = s.key["team"].map(JSONValue.string) ?? .null
            row["locality"] = s.key["locality"].map(JSONValue.string) ?? .null
            row["service"] = s.key["service"].map(JSONValue.string) ?? .null
            row["frame_hidden"] = .bool(s.frameCases == .hidden)
            row["frame_cases"] = figure(s.frameCases)
            row["audited"] = figure(s.audited)
            for g in 0..<4 { row["grade\(g + 1)"] = figure(s.grades[g]) }
            row["moderated"] = figure(s.moderated)
            row["same_overall"] = figure(s.moderationAgreed)
            row["actions_raised"] = figure(s.actionsRaised)
            row["actions_on_time"] = figure(s.actionsDoneOnTime)
            row["actions_overdue"] = figure(s.actionsOverdue)
            strata.append(.object(row))
            for (section, grades) in s.domains {
                var d = place
                d["section"] = .string(section)
                for g in 0..<4 { d["grade\(g + 1)"] = figure(grades[g]) }
                domains.append(.object(d))
            }
        }
        try db.query("""
            INSERT INTO return_stratum (return_id, authority_id, month, origin, draw, position, key, team, locality, service, frame_hidden,
                                        frame_cases, audited, grade1, grade2, grade3, grade4, moderated, same_overall,
                                        actions_raised, actions_on_time, actions_overdue)
            SELECT $1, $2, month, origin, draw, position, key::jsonb, team, locality, service, frame_hidden, frame_cases, audited,
                   grade1, grade2, grade3, grade4, moderated, same_overall, actions_raised, actions_on_time, actions_overdue
            FROM jsonb_to_recordset($3::jsonb) AS x(month text, origin text, draw bigint, position integer, key text, team text,
                 locality text, service text, frame_hidden boolean, frame_cases integer, audited integer, grade1 integer, grade2 integer,
                 grade3 integer, grade4 integer, moderated integer, same_overall integer, actions_raised integer,
                 actions_on_time integer, actions_overdue integer)
            """, [String(returnID), String(authority), JSONValue.array(strata).canonicalText])
        guard !domains.isEmpty else { return }
        try db.query("""
            INSERT INTO return_domain (return_id, authority_id, month, draw, position, section, grade1, grade2, grade3, grade4)
            SELECT $1, $2, month, draw, position, section, grade1, grade2, grade3, grade4
            FROM jsonb_to_recordset($3::jsonb) AS x(month text, draw bigint, position integer, section text,
                 grade1 integer, grade2 integer, grade3 integer, grade4 integer)
            """, [String(returnID), String(authority), JSONValue.array(domains).canonicalText])
        // Its month-and-section totals, which the domains report reads (HubMigrations.domainMonthTotals).
        try db.query("SELECT hub_total_domains($1)", [String(returnID)])
    }

    static func months(from: Month, to: Month) -> [Month] {
        var months: [Month] = []
        var m = from
        while m <= to {
            months.append(m)
            m = m.adding(months: 1)
        }
        return months
    }

    /// Whether the return already held (made at `madeAt`, at chain head `head`) is newer than
    /// `body`: made later, or made the same second at a later point of the log.
    static func isNewer(madeAt: String, head: String, than body: AuthorityReturn) -> Bool {
        if madeAt != body.madeAt { return madeAt > body.madeAt }
        let seq = { (h: String) in Int64(h.split(separator: ":").first ?? "") ?? 0 }
        return seq(head) > seq(body.chainHead)
    }

    static func mode(_ counts: AuthorityReturn.Counts) -> String {
        if case .exact = counts { return "exact" }
        return "suppressed"
    }

    static func threshold(_ counts: AuthorityReturn.Counts) -> String? {
        if case .suppressed(let k) = counts { return String(k) }
        return nil
    }
}

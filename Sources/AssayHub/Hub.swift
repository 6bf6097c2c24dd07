import AssayCore
import AssayReturn
import Foundation

/// The regional hub: authorities and their keys, imported returns, and the strata the
/// regional reports count (docs/regional.md).
public final class Hub {
    public let db: PostgresConnection

    /// Connects; refuses a database `hub init` has not prepared or a newer hub's.
    public init(url: String, requireSchema: Bool = true) throws {
        db = try PostgresConnection(url: url)
        if requireSchema {
            guard let version = try HubMigrations.currentVersion(db) else {
                throw HubError.notAHub
            }
            let latest = HubMigrations.all.last!.version
            guard version <= latest else {
                throw HubError.hubNewer(version: version, latest: latest)
            }
            if version < latest { try HubMigrations.migrate(db) }
        }
    }

    // MARK: Authorities

    public struct Authority: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let keyID: String
        public let neighbours: String?
        public let login: String?
    }

    public func authorities() throws -> [Authority] {
        let rows = try db.query("SELECT id, name, key_id, neighbours, login FROM authority ORDER BY name")
        return (0..<rows.count).map { i in
            Authority(id: Int(rows.value(i, "id")!)!, name: rows.value(i, "name")!, keyID: rows.value(i, "key_id")!,
                      neighbours: rows.value(i, "neighbours"), login: rows.value(i, "login"))
        }
    }

    /// Registers an authority with its public key (and statistical-neighbour group).
    public func addAuthority(name: String, key: PublicReturnKey, neighbours: String?) throws -> Authority {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw HubError.authorityNameMissing }
        return try db.transaction {
            if let existing = try authorities().first(where: { $0.keyID == key.keyID }) {
                throw HubError.keyTaken(owner: existing.name)
            }
            if try authorities().contains(where: { $0.name == name }) {
                throw HubError.authorityExists(name)
            }
            let rows = try db.query("""
                INSERT INTO authority (name, key_id, public_key, neighbours) VALUES ($1, $2, $3, $4) RETURNING id
                """, [name, key.keyID, key.base64, neighbours])
            let id = Int(rows.value(0, "id")!)!
            try log("authority added", authority: id, returnID: nil,
                    detail: "\(name), key \(key.keyID)\(neighbours.map { ", neighbours \($0)" } ?? "")")
            return Authority(id: id, name: name, keyID: key.keyID, neighbours: neighbours, login: nil)
        }
    }

    /// Sets an authority's statistical-neighbour group.
    public func setNeighbours(_ name: String, group: String?) throws {
        try db.transaction {
            let rows = try db.query("UPDATE authority SET neighbours = $2 WHERE name = $1 RETURNING id", [name, group])
            guard rows.count == 1, let id = rows.value(0, "id").flatMap(Int.init) else { throw try unknownAuthority(name) }
            try log("neighbours set", authority: id, returnID: nil, detail: "\(name): \(group ?? "none")")
        }
    }

    /// Makes (or reuses) the server login `login` and puts it in the analyst group, or in
    /// the authority group bound to `authority`'s rows.
    public func addLogin(_ login: String, authority: String?) throws {
        try db.transaction {
            if let authority {
                let rows = try db.query("UPDATE authority SET login = $2 WHERE name = $1 RETURNING id", [authority, login])
                guard rows.count == 1, let id = rows.value(0, "id").flatMap(Int.init) else { throw try unknownAuthority(authority) }
                try db.query("SELECT hub_create_login($1, 'assay_hub_authority')", [login])
                try log("login added", authority: id, returnID: nil, detail: "\(login) reads \(authority)'s rows")
            } else {
                try db.query("SELECT hub_create_login($1, 'assay_hub_analyst')", [login])
                try log("login added", authority: nil, returnID: nil, detail: "\(login) is a regional analyst")
            }
        }
    }

    func unknownAuthority(_ name: String) throws -> HubError {
        let names = try authorities().map(\.name)
        return .noAuthority(name, suggestion: EditDistance.didYouMean(name, among: names))
    }

    func log(_ action: String, authority: Int?, returnID: Int64?, detail: String) throws {
        try db.query("INSERT INTO hub_log (action, authority_id, return_id, detail) VALUES ($1, $2, $3, $4)",
                     [action, authority.map(String.init), returnID.map(String.init), detail])
    }

    /// The hub's log, oldest first.
    public func logEntries() throws -> PostgresConnection.Rows {
        try db.query("""
            SELECT l.id, to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, l.by_login, l.action,
                   a.name AS authority, l.return_id, l.detail
            FROM hub_log l LEFT JOIN authority a ON a.id = l.authority_id ORDER BY l.id
            """)
    }
}

extension Hub {
    /// The returns current for some month of the period, with what they rest on: for the
    /// regional page's "About these figures".
    public func currentReturns(from: Month, to: Month) throws -> [(authority: String, id: Int64, madeAt: String, chainHead: String, counts: String)] {
        let rows = try db.query("""
            SELECT a.name, r.id, r.made_at, r.chain_head, r.counts_mode FROM authority_return r JOIN authority a ON a.id = r.authority_id
            WHERE r.id IN (SELECT return_id FROM authority_month WHERE month BETWEEN $1 AND $2) ORDER BY a.name, r.id
            """, [from.description, to.description])
        return (0..<rows.count).map { i in
            (rows.value(i, "name")!, Int64(rows.value(i, "id")!)!, rows.value(i, "made_at")!, rows.value(i, "chain_head")!, rows.value(i, "counts_mode")!)
        }
    }
}

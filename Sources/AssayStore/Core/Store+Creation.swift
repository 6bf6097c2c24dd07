import AssayCore
import Foundation

extension Store {
    /// Makes a new database at `path` whole before it appears there: the file is built under
    /// a hidden staging name beside it (schema, `identity` as first lead, then `setUp`, e.g.
    /// the shipped templates), flushed, and hard-linked to `path`, which never replaces a
    /// file. Killed at any point, the command leaves no database at `path` (the staging file
    /// is swept by the next command in that folder), so nobody can arrive at a half-made
    /// database and become its lead.
    ///
    /// Returns false when another process created `path` first; its database is used.
    static func create(at path: String, identity: Identity, clock: Clock, setUp: (Store) throws -> Void) throws -> Bool {
        DatabaseFile.sweepLeftovers(in: DatabaseFile.folder(of: path))
        let staged = DatabaseFile.stagingPath(for: path, purpose: .creating)
        DatabaseFile.remove(staged)
        guard DatabaseFile.createPrivate(staged) else {
            throw StoreError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            let store = try Store(opening: staged, identity: identity, wasCreated: true, mode: .staging, clock: clock)
            try store.write { tx in
                _ = try tx.insert(PersonRecord(name: identity.name, role: .lead, team: nil,
                                               addedAt: tx.timestamp, addedBy: identity.name, login: nil))
            }
            try setUp(store)
            try store.queue.close()
            DatabaseFile.sync(staged)
            if try DatabaseFile.publish(staged, as: path) { return true }
            DatabaseFile.remove(staged)
            return false
        } catch {
            DatabaseFile.remove(staged)
            throw error
        }
    }
}

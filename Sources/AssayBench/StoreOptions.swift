import AssayCore
import AssayStore
import ArgumentParser

/// The database a bench command works on and the user it works as, shared by the
/// commands that open one.
struct StoreOptions: ParsableArguments {
    @Option var db: String
    @Option(name: .customLong("as")) var user: String

    func store() throws -> Store {
        try Store(path: db, identity: Identity.resolve(declared: user))
    }
}

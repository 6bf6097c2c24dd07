import AssayCore
import AssayOutput
import AssayStore
import AssayTemplates
import Foundation

/// The state a sequence of commands shares: which database, who is typing, the current
/// month, and whether a person is at a terminal. One session serves a single command from
/// the operating system's shell, a whole REPL sitting, or a script.
public final class Session {
    public let databasePath: String
    /// The user: as declared until the database is opened, then as the database sees them
    /// (on one that binds logins, the person bound to the login; `Store+Logins.swift`).
    public private(set) var identity: Identity
    /// Set by the input loop: true while lines come from a person at a terminal.
    public var isInteractive: Bool
    /// The month commands default to (`month` changes it).
    public var month: Month
    /// `--bail` given when assay started: scripts run by `run` stop at their first failure too.
    public var bail = false
    /// Set by `quit`.
    public var quitRequested = false
    /// True while the interactive shell reads the lines (`ReadlineSource`): `help` then
    /// describes the shell, and hints say `help X`, not `assay help X`.
    public var inShell = false
    /// Nesting depth of `run FILE`, to stop a script that runs itself.
    var scriptDepth = 0
    /// The shell's `format`, `expanded` and `output FILE`, and a listing bound for a file
    /// (Session+Output.swift).
    public let outputSettings = OutputSettings()
    /// Where the session reads piped commands and writes (the process's standard streams,
    /// or a test's captured ones).
    public let console: Console
    /// The environment the session was started with: every `$ASSAY_…` it reads comes from
    /// here, not from the process, so a test can run a session with its own.
    public let environment: [String: String]
    private var openedStore: Store?

    public init(databasePath: String, identity: Identity, isInteractive: Bool, month: Month = Month(containing: Date()),
                console: Console = .process(), environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.databasePath = databasePath
        self.identity = identity
        self.isInteractive = isInteractive
        self.month = month
        self.console = console
        self.environment = environment
    }

    /// Today as the session's environment has it (`Today`, `$ASSAY_TODAY` for tests).
    public var today: CalendarDate { Today.date(environment: environment) }

    /// The store, opened on first use. The database must exist: only `init` creates one
    /// (`createStore`), so a mistyped `--db` never becomes a new, empty database.
    public func store() throws -> Store {
        if let openedStore { return openedStore }
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw MissingDatabase(path: databasePath)
        }
        let store = try Store(existing: databasePath, identity: identity)
        openedStore = store
        identity = store.identity
        return store
    }

    /// The same as `store()`: kept for the commands that only read, which say so by calling it.
    public func existingStore() throws -> Store { try store() }

    /// Creates the database at `databasePath` (`init`): made whole, the shipped templates
    /// included, before it appears under its name; refused when the path exists.
    ///
    /// With `group`, shared by that group (`Store.prepareSharedFolder`) and binding the
    /// creator's login to them, so that it admits only bound logins from the start. A
    /// set-group-id Assay always binds it: such an installation proves users by their login.
    public func createStore(group: String? = nil) throws {
        guard !FileManager.default.fileExists(atPath: databasePath) else {
            throw AssayFailure("init: \(databasePath) already exists; nothing was changed. Give a new path with --db, or use the database that is there.")
        }
        if let group { try Store.prepareSharedFolder(for: databasePath, group: group) }
        let bindsCreator = group != nil || ProcessPrivilege.isElevated
        let store = try Store(path: databasePath, identity: identity) { store in
            if bindsCreator { try store.bindLogin(store.identity.osLogin, to: store.identity.name) }
            try self.registerShippedTemplates(store)
        }
        guard store.wasCreated else {
            throw AssayFailure("init: \(databasePath) was created by someone else at the same moment; it is theirs, and you are not its lead.")
        }
        openedStore = store
        identity = store.identity
        write("Created \(databasePath); \(identity.name) is its lead.\n")
        if bindsCreator {
            write("""
                It admits only logins bound to its people; yours (\(identity.osLogin)) is bound to you. Add each user with: \
                people add "NAME" --role auditor --login LOGIN\n
                """)
        }
    }

    /// A read-only look at a database that must exist, changing nothing in the file (no
    /// schema upgrade, no journal switch): what `verify` uses.
    public func inspectedStore() throws -> Store {
        guard FileManager.default.fileExists(atPath: databasePath) else { throw MissingDatabase(path: databasePath) }
        let store = try Store(existing: databasePath, identity: identity, readOnly: true)
        identity = store.identity
        return store
    }

    /// A new database starts with the shipped templates (docs/templates.md), registered
    /// while it is still being made, so a database never appears without them.
    private func registerShippedTemplates(_ store: Store) throws {
        guard let directory = TemplateFiles.shippedDirectory(environment: environment) else {
            notice("No AuditTemplates folder found (set ASSAY_TEMPLATES); register templates with: template register DIR")
            return
        }
        let templates: [AuditTemplate]
        do {
            templates = try TemplateFiles.paths(directory).map(TemplateLoader.load(path:))
        } catch {
            guard let worded = ErrorWording.userFacing(error) else { throw error }
            notice("The shipped templates were not registered: \(worded.message)")
            return
        }
        for template in templates { try store.register(template) }
        if !templates.isEmpty { notice("Registered \(templates.count) templates from \(directory).") }
    }

    /// Closes the store (before `restore` replaces the file: a connection kept open would go
    /// on writing to the old, replaced file). The next command opens the file afresh.
    func closeStore() { openedStore = nil }

    /// The store if it is already open (completion must not create a database).
    var storeIfOpen: Store? { openedStore }

    /// Refuses a command that needs a person at a terminal, naming the form to use instead.
    public func requireTerminal(for command: String, instead alternative: String) throws {
        guard isInteractive else {
            throw AssayFailure("`\(command)` needs a person at a terminal; from a script or pipe use: \(alternative)")
        }
    }

    // MARK: Output

    /// Prints a listing; CSV text cells that a spreadsheet would run as formulas get an
    /// apostrophe before them unless `rawCSV` (`--raw-csv`; docs/json.md, "CSV").
    public func emit(_ listing: Listing, as format: OutputFormatName, rawCSV: Bool = false) {
        let style = outputSettings.style(console: console, environment: environment)
        write(format.format(neutralisingFormulas: !rawCSV).render(listing, style: style))
    }

    /// Prints a listing as a command's `--format` and `--raw-csv` ask.
    public func emit(_ listing: Listing, as output: OutputOptions) {
        emit(listing, as: output.format, rawCSV: output.rawCSV)
    }

    /// Writes to standard output.
    public func write(_ text: String) {
        if outputSettings.capture(text) { return }  // bound for --out FILE or `output FILE`
        console.output.write(text)
    }

    /// A line on standard error: notices that are not the command's result.
    public func notice(_ text: String) {
        console.errors.write(text + "\n")
    }
}

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
    public let identity: Identity
    /// Set by the input loop: true while lines come from a person at a terminal.
    public var isInteractive: Bool
    /// The month commands default to (`month` changes it).
    public var month: Month
    /// `--bail` given when assay started: scripts run by `run` stop at their first failure too.
    public var bail = false
    /// Set by `quit`.
    public var quitRequested = false
    /// Nesting depth of `run FILE`, to stop a script that runs itself.
    var scriptDepth = 0
    private var openedStore: Store?

    public init(databasePath: String, identity: Identity, isInteractive: Bool, month: Month = Month(containing: Date())) {
        self.databasePath = databasePath
        self.identity = identity
        self.isInteractive = isInteractive
        self.month = month
    }

    /// The store, opened (and created, for a new database) on first use.
    public func store() throws -> Store {
        if let openedStore { return openedStore }
        let store = try Store(path: databasePath, identity: identity)
        if store.wasCreated {
            notice("Created \(databasePath); \(identity.name) is its lead.")
            registerShippedTemplates(store)
        }
        openedStore = store
        return store
    }

    /// The store of a database that must already exist. Commands that only read (reports,
    /// `verify`, `history`, `backup`, exports) use this, so a mistyped `--db` is an error
    /// instead of a new, empty database that reads as "no audits".
    public func existingStore() throws -> Store {
        if openedStore == nil, !FileManager.default.fileExists(atPath: databasePath) {
            throw AssayFailure("""
                \(databasePath): no such database; nothing was created. Check --db or $ASSAY_DB \
                (a new database is made by the first command that writes, such as `people add` or `import register`).
                """)
        }
        return try store()
    }

    /// A new database starts with the shipped templates (docs/templates.md).
    private func registerShippedTemplates(_ store: Store) {
        guard let directory = TemplateFiles.shippedDirectory() else {
            notice("No AuditTemplates folder found (set ASSAY_TEMPLATES); register templates with: template register DIR")
            return
        }
        do {
            let templates = try TemplateFiles.paths(directory).map(TemplateLoader.load(path:))
            for template in templates { try store.register(template) }
            if !templates.isEmpty { notice("Registered \(templates.count) templates from \(directory).") }
        } catch let error as UserFacingError {
            notice("The shipped templates were not registered: \(error.message)")
        } catch {
            notice("The shipped templates were not registered: \(error)")
        }
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

    public func emit(_ listing: Listing, as format: OutputFormatName) {
        let style = TerminalStyle(width: Terminal.width(), color: Terminal.colorAllowed())
        write(format.format.render(listing, style: style))
    }

    /// Writes to standard output.
    public func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A line on standard error: notices that are not the command's result.
    public func notice(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

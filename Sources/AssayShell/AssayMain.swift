import AssayCore
import ArgumentParser
import Foundation

/// The `assay` executable's whole behaviour: split the process arguments into the options
/// that set up the session and the command, then run the command — or, with no command,
/// the input loop over `-c`, piped standard input, or the interactive shell.
public enum AssayMain {
    /// The process's run: its own standard streams and environment.
    public static func run(_ arguments: [String]) -> Int32 {
        umask(0o077)  // every file Assay creates is private: registers and audits concern children
        // Record the group a set-group-id installation gave us before anything switches it
        // (ProcessPrivilege; docs/deployment.md).
        _ = ProcessPrivilege.serviceGroup
        // A file-size limit reached (a full quota, `ulimit -f`) should fail the write with a
        // message and a rolled-back transaction, not kill the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        return run(arguments, console: .process(), environment: ProcessInfo.processInfo.environment)
    }

    /// Runs `assay ARGUMENTS` with `console` for its standard streams and `environment` for
    /// every variable it reads (`$ASSAY_DB`, `$ASSAY_AUDITOR`, `$ASSAY_TEMPLATES`,
    /// `$ASSAY_TODAY`, …), and returns its exit status. The process's run above, and a
    /// test's in-process run (`InProcess.run`), which sets no process-wide state.
    public static func run(_ arguments: [String], console: Console, environment: [String: String]) -> Int32 {
        let (rootWords, commandWords) = split(arguments)
        let root: Assay
        do {
            root = try Assay.parse(rootWords)
        } catch {
            let text = Assay.fullMessage(for: error)
            if Assay.exitCode(for: error) == .success {
                console.output.write(text + "\n")
                return 0
            }
            console.errors.write(text + "\n")
            return ExitStatus.usage.rawValue
        }
        let identity = Identity.resolve(declared: root.global.user, environment: environment)
        if let problem = TextPolicy.problem(in: identity.name, kind: .line) {
            console.errors.write("The user name \"\(TextPolicy.printable(identity.name))\" (--as or $ASSAY_AUDITOR) \(problem). Nothing was run.\n")
            return ExitStatus.usage.rawValue
        }
        let session = Session(databasePath: Store.defaultPath(flag: root.global.db, environment: environment), identity: identity,
                              isInteractive: false, console: console, environment: environment)
        session.bail = root.bail
        if !commandWords.isEmpty {
            // `assay audit CASE` typed at a terminal is a person at a terminal too.
            session.isInteractive = console.inputIsTerminal
            return Dispatcher.execute(commandWords, in: session).exitStatus.rawValue
        }
        let loop = InputLoop(session: session, bail: root.bail)
        if !root.commands.isEmpty {
            return loop.exitStatus(running: ArgumentLineSource(root.commands)).rawValue
        }
        switch console.input {
        case .text(let text):
            return loop.exitStatus(running: FileLineSource(text: text, name: "<stdin>")).rawValue
        case .standardInput:
            if console.inputIsTerminal { return interactive(session: session, loop: loop) }
            return loop.exitStatus(running: FileLineSource(standardInput: ())).rawValue
        }
    }

    private static func interactive(session: Session, loop: InputLoop) -> Int32 {
        do {
            _ = try session.store()
        } catch {
            guard let worded = ErrorWording.userFacing(error) else {
                session.notice("\(error)")
                return 1
            }
            session.notice(worded.message)
            return worded.exitStatus.rawValue
        }
        // Open on the user's work, and say what it is (docs/shell.md, "Opening").
        let start = session.startingPoint(today: session.today)
        session.month = start.month
        session.write("Assay — \(session.databasePath) as \(session.identity.name). Type help for commands, quit or Ctrl-D to leave.\n")
        session.write(start.text)
        loop.run(ReadlineSource(session: session, historyPath: HistoryFile.path(environment: session.environment)))
        return 0
    }

    /// Options before the command name belong to the root (`Assay`: `--db`, `--as`, `-c`,
    /// `--bail`, and the parser's `--help` and `--version`); the command begins at the first
    /// other word. Which options take a value is read from the root's own declaration
    /// (`CommandCatalog`), so an option added there needs no second list here.
    static func split(_ arguments: [String]) -> ([String], [String]) {
        let options = CommandCatalog.shared.options(of: CommandCatalog.shared.root)
        let takingValue = Set(options.filter { $0.kind == "option" }.flatMap(\.spellings))
        let flags = Set(options.filter { $0.kind == "flag" }.flatMap(\.spellings))
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if takingValue.contains(word) {
                index += 2
            } else if flags.contains(word)
                        || takingValue.contains(where: { $0.hasPrefix("--") ? word.hasPrefix($0 + "=") : word.hasPrefix($0) }) {
                index += 1  // `--db=PATH`, `-cCOMMAND`
            } else {
                break
            }
        }
        let cut = min(index, arguments.count)
        return (Array(arguments[..<cut]), Array(arguments[cut...]))
    }
}

import AssayStore

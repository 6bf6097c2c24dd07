import AssayCore
import AssayOutput
import ArgumentParser
import Foundation

/// `run FILE`: the commands in a script file, through the same input loop.
struct RunCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the commands in a script file.")

    @Argument(help: ArgumentHelp("The script: one command per line, # for comments.", valueName: "file"))
    var file: String

    /// `--bail` belongs to the root command (it means the same for scripts, pipes and -c),
    /// so `run FILE --bail` and `assay --bail run FILE` both reach it here.
    @ParentCommand var assay: Assay

    func execute(in session: Session) throws {
        guard session.scriptDepth < 16 else { throw AssayFailure("run \(file): scripts nested too deeply (does it run itself?)") }
        let source: FileLineSource
        do {
            source = try FileLineSource(path: file)
        } catch let failure as InputFileError {  // run FILE: no such file / is a folder / permission denied / not UTF-8 text
            throw AssayFailure("run " + ErrorWording.message(for: failure), exitStatus: ErrorWording.exitStatus(of: failure))
        }
        session.scriptDepth += 1
        defer { session.scriptDepth -= 1 }
        let status = InputLoop(session: session, bail: assay.bail || session.bail).exitStatus(running: source)
        guard status == .success else {
            throw AssayFailure("run \(file): a command failed.", exitStatus: status)
        }
    }
}

/// `month [YYYY-MM]`: show or set the month commands default to.
struct MonthCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "month", abstract: "Show or set the current month.")

    @Argument(help: ArgumentHelp("The month to work in.", valueName: "yyyy-mm"))
    var month: Month?

    func execute(in session: Session) throws {
        if let month { session.month = month }
        session.write("\(session.month)\n")
    }
}

/// `status`: where you are and who you are.
struct StatusCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the database, the user, their role and the current month.")

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let me = try store.person(named: session.identity.name)
        let frames = try store.frames()
        session.emit(Listing(record: [
            (Column("database"), .text(session.databasePath)),
            (Column("user"), .text(session.identity.name)),
            (Column("os_login"), .text(session.identity.osLogin)),
            (Column("role"), .optional(me?.role.rawValue)),
            (Column("month"), .text(session.month.description)),
            (Column("frames"), .int(frames.count)),
            (Column("latest_frame_as_of"), .optional(frames.first?.asOf)),
        ]), as: output)
    }
}

/// `quit`: leave the shell (Ctrl-D does the same).
struct QuitCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "quit", abstract: "Leave the shell (or press Ctrl-D).", aliases: ["exit"])

    func execute(in session: Session) throws {
        session.quitRequested = true
    }
}

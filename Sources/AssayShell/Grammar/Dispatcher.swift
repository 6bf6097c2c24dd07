import AssayCore
import ArgumentParser
import Foundation
import AssayStore
import GRDB

/// Parses one command's words with the command tree and runs it in a session.
public enum Dispatcher {
    public enum Outcome: Equatable {
        case succeeded
        /// With the exit status the failure stands for (docs/shell.md, "Exit status").
        case failed(ExitStatus)

        public var exitStatus: ExitStatus {
            switch self {
            case .succeeded: .success
            case .failed(let status): status
            }
        }
    }

    /// Runs `words`. Errors are written to standard error, prefixed with `location`
    /// (`script.assay:12: `) when the command came from a file or pipe.
    public static func execute(_ words: [String], in session: Session, location: String? = nil) -> Outcome {
        if OutputSettings.current !== session.outputSettings {  // the session's `format` and `expanded`, while parsing and running
            return OutputSettings.$current.withValue(session.outputSettings) { execute(words, in: session, location: location) }
        }
        let prefix = location.map { "\($0): " } ?? ""
        if let problem = Self.textProblem(in: words) {
            session.notice(prefix + problem)
            return .failed(.usage)
        }
        if let first = words.first, !first.hasPrefix("-"), !CommandCatalog.isCommandName(first) {
            session.notice(prefix + ParseDiagnosis.unknownCommand(first))  // with "did you mean"
            return .failed(.usage)
        }
        if words.first == "help", let answer = ShellHelp.answer(Array(words.dropFirst()), session: session) {
            switch answer {
            case .text(let text): session.write(text); return .succeeded  // the shell's own help
            case .unknown(let problem): session.notice(prefix + problem); return .failed(.usage)
            }
        }
        let command: AssayCommand
        do {
            var parsed = try Assay.parseAsRoot(words)
            if let root = parsed as? Assay {
                if root.global.db != nil || root.global.user != nil || !root.commands.isEmpty {
                    session.notice(prefix + "--db, --as and -c are given when assay starts, not inside a session.")
                    return .failed(.usage)
                }
                return .succeeded  // an empty command
            }
            guard let leaf = parsed as? AssayCommand else {
                try parsed.run()  // `help`, or a command group typed without its subcommand: prints help
                return .succeeded
            }
            command = leaf
            if let problem = NameCheck.forSession(session).problem(in: words) {  // a person or team mistyped
                session.notice(prefix + problem.message)
                return .failed(problem.exitStatus)
            }
        } catch {
            let text = Assay.fullMessage(for: error)
            if Assay.exitCode(for: error) == .success {
                session.write(text.hasSuffix("\n") ? text : text + "\n")  // help, --version
                return .succeeded
            }
            session.notice(prefix + ParseDiagnosis.message(for: words, parserSaid: text, session: session))
            return .failed(.usage)
        }
        do {
            try session.directingOutput(of: command) {  // to --out FILE or `output FILE`
                let footing = command as? any ReportFooting
                let before = footing?.headBefore(in: session)
                try command.execute(in: session)
                footing?.printChainHead(in: session, before: before)
            }
            return .succeeded
        } catch {
            if let worded = ErrorWording.userFacing(error) {  // the words and the exit status
                session.notice(prefix + worded.message)
                return .failed(worded.exitStatus)
            }
            if let error = error as? DatabaseError {
                session.notice(prefix + "\(session.databasePath): " + StoreFailure.explain(error))
            } else {
                session.notice(prefix + "\(error)")
            }
        }
        return .failed(.failure)
    }

    /// Command words are text that may be stored (names, evidence, teams): one with a
    /// control character is refused before it is parsed (TextPolicy), naming the word.
    static func textProblem(in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if let problem = TextPolicy.problem(in: word, kind: .paragraph) {
                return "word \(index + 1) (\"\(TextPolicy.printable(word))\") \(problem). Nothing was run."
            }
        }
        return nil
    }
}

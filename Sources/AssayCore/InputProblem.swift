/// One thing wrong with a user's input, located precisely enough to fix: the file, the line,
/// the field, and what is wrong. Errors about files (registers, templates, answers, scripts)
/// are lists of these, so one run reports every problem, not just the first.
///
/// What the person asked for that the problem is in (`request`: a column map, a column to
/// keep) and what they can do about it (`remedy`) are data, `UserAction`s, not words: the
/// library cannot know how it was called, and the shell words each as the option or command
/// a person types (Sources/AssayShell/Grammar/ErrorWording.swift). `description` is the
/// library's plain wording, for callers that are not the shell.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let field: String?
    /// What is wrong, in the domain's words (naming no command-line flag).
    public let reason: String
    /// What the person asked for that the problem is in, when it is not the file's own content.
    public let request: UserAction?
    /// What the person can do about it, when there is one thing to do.
    public let remedy: UserAction?

    public init(file: String, line: Int?, field: String?, reason: String, request: UserAction? = nil, remedy: UserAction? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
        self.request = request
        self.remedy = remedy
    }

    /// `file:line: field "x": `, the form compilers use so editors can jump to it.
    public var location: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "field \"\(field)\": " }
        return s
    }

    /// `file:line: field "x": reason`, with the request and remedy in plain words.
    public var description: String {
        location + (request.map { "\($0): " } ?? "") + reason + (remedy.map { "; \($0)" } ?? "")
    }
}

/// An error Assay reports to a person: one message, and the exit status for scripts.
public protocol UserFacingError: Error {
    var message: String { get }
    /// What kind of failure it was, for a script to act on (docs/shell.md, "Exit status").
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var exitStatus: ExitStatus { .failure }
}

/// The exit statuses of `assay`, one convention for the command line, scripts, pipes and
/// `-c` (docs/shell.md, "Exit status"): a script can tell "you may not" and "there is no
/// such thing" from a command that ran and failed, and both from a mistyped command.
public enum ExitStatus: Int32, Sendable, Equatable {
    /// Every command succeeded.
    case success = 0
    /// A command ran and failed: bad input in a file, a conflict, a failed check, storage.
    case failure = 1
    /// The command line itself was wrong: unknown command or option, a bad option value.
    case usage = 2
    /// Refused: the user's role does not allow it, or they are not one of the database's people.
    case refused = 3
    /// What the command names is not there: the database, a file, a case, an audit, a draw.
    case notFound = 4
}

/// A file was rejected because of problems in it; nothing was written.
public struct InputRejected: UserFacingError, Equatable {
    public let file: String
    public let problems: [InputProblem]
    /// What did not happen because of the problems ("nothing was imported").
    public let consequence: String
    /// How many problems are listed in full before the rest are only counted.
    public static let listed = 20

    public init(file: String, problems: [InputProblem], consequence: String = "nothing was imported") {
        self.file = file
        self.problems = problems
        self.consequence = consequence
    }

    public var message: String { message(wording: \.description) }

    /// The message with each problem worded by `wording`: the shell words requests and
    /// remedies as the options a person types (ErrorWording.swift).
    public func message(wording: (InputProblem) -> String) -> String {
        let noun = problems.count == 1 ? "problem" : "problems"
        var lines = ["\(file): rejected, \(problems.count) \(noun); \(consequence)."]
        lines += problems.prefix(Self.listed).map { "  " + wording($0) }
        if problems.count > Self.listed {
            lines.append("  … and \(problems.count - Self.listed) more")
        }
        return lines.joined(separator: "\n")
    }
}

/// A plain refusal or failure with a message, worded for the person who reads it. Built
/// only at the edges, where the caller is known: the shell (its own messages, and every
/// module's `AssayError` worded by ErrorWording.swift) and the executables, each its own
/// command line. Below them a module throws its own error type (docs/architecture.md,
/// "Errors"); ErrorWordingPlacementTests holds the libraries to none.
public struct AssayFailure: UserFacingError, Equatable {
    public let message: String
    public let exitStatus: ExitStatus
    public init(_ message: String, exitStatus: ExitStatus = .failure) {
        self.message = message
        self.exitStatus = exitStatus
    }
}

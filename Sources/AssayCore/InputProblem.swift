/// One thing wrong with a user's input, located precisely enough to fix: the file, the line,
/// the field, and what is wrong. Errors about files (registers, templates, answers, scripts)
/// are lists of these, so one run reports every problem, not just the first.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let field: String?
    public let reason: String

    public init(file: String, line: Int?, field: String?, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line: field "x": reason`, the form compilers use so editors can jump to it.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "field \"\(field)\": " }
        return s + reason
    }
}

/// An error Assay reports to a person: one message, and the exit status for scripts.
public protocol UserFacingError: Error {
    var message: String { get }
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

    public var message: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        var lines = ["\(file): rejected, \(problems.count) \(noun); \(consequence)."]
        lines += problems.prefix(Self.listed).map { "  \($0)" }
        if problems.count > Self.listed {
            lines.append("  … and \(problems.count - Self.listed) more")
        }
        return lines.joined(separator: "\n")
    }
}

/// A plain refusal or failure with a message (wrong role, unknown frame, bad option value).
public struct AssayFailure: UserFacingError, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

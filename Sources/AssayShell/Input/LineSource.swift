/// Where command lines come from. The one input loop reads any of these the same way.
public protocol LineSource: AnyObject {
    /// The next physical line without its line break, or nil at the end.
    /// `continuation` is true while a quoted word runs over lines.
    func nextLine(continuation: Bool) -> String?
    /// A person typing at a terminal (errors never end the loop, no line numbers).
    var isInteractive: Bool { get }
    /// How errors name this source: a script's path, `<stdin>`, `-c`.
    var name: String { get }
}

/// Lines of a script file or a pipe.
public final class FileLineSource: LineSource {
    public let name: String
    public let isInteractive = false
    /// Standard input, read a line at a time; nil for a script, read whole.
    private let file: UnsafeMutablePointer<FILE>?
    /// A script's lines, last first.
    private var lines: [String] = []

    /// Reads the script at `path` (whole: scripts are short). Refused in one line naming the
    /// path (InputFile) when there is no such file, it is a folder, it may not be read, or
    /// it is not UTF-8 text.
    public convenience init(path: String) throws {
        var text = try InputFile.text(at: path)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        self.init(text: text, name: path)
    }

    /// The lines of `text`, named `name` in errors: a test's stand-in for a pipe
    /// (`ConsoleInput.text`), read as `getline` reads standard input.
    public init(text: String, name: String) {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var scalars = String.UnicodeScalarView(line)
            if scalars.last == "\r" { scalars.removeLast() }
            return String(scalars)
        }
        if text.unicodeScalars.last == "\n" || text.isEmpty { lines.removeLast() }
        self.lines = lines.reversed()
        self.file = nil
        self.name = name
    }

    /// Reads standard input.
    public init(standardInput: Void) {
        self.file = fdopen(STDIN_FILENO, "r")
        self.name = "<stdin>"
    }

    public func nextLine(continuation: Bool) -> String? {
        guard let file else { return lines.popLast() }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        let count = getline(&line, &capacity, file)
        guard count >= 0, let line else { return nil }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// The commands given with `-c`, one per line.
public final class ArgumentLineSource: LineSource {
    public let name = "-c"
    public let isInteractive = false
    private var lines: [String]

    public init(_ commands: [String]) {
        lines = commands.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }.reversed()
    }

    public func nextLine(continuation: Bool) -> String? { lines.popLast() }
}

#if canImport(Glibc)
import Glibc
#endif
import AssayCore

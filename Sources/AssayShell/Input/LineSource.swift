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

/// Lines of a file or a pipe.
public final class FileLineSource: LineSource {
    public let name: String
    public let isInteractive = false
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool

    /// Reads the script at `path`.
    public init?(path: String) {
        guard let file = fopen(path, "r") else { return nil }
        self.file = file
        self.name = path
        self.ownsFile = true
    }

    /// Reads standard input.
    public init(standardInput: Void) {
        self.file = fdopen(STDIN_FILENO, "r")
        self.name = "<stdin>"
        self.ownsFile = false
    }

    deinit { if ownsFile { fclose(file) } }

    public func nextLine(continuation: Bool) -> String? {
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

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a session reads commands from and writes to, and which of them is a terminal.
///
/// The process's own standard input, output and error by default (`Console.process`); a
/// test gives a `Console.captured(input:)` instead and runs the command in its own process
/// (`InProcess.run`), so that many tests can run at once without spawning `assay` and
/// without sharing file descriptors. Nothing in the shell writes to
/// `FileHandle.standardOutput` or asks `isatty` itself: it asks its session's console.
public final class Console: Sendable {
    /// Listings, reports and the shell's own text.
    public let output: ConsoleStream
    /// Notices and errors: what is not the command's result.
    public let errors: ConsoleStream
    /// Where piped commands come from when there is no `-c` and no terminal.
    public let input: ConsoleInput
    /// Whether standard input, output and error are terminals (isatty, once, at the start).
    public let inputIsTerminal: Bool
    public let outputIsTerminal: Bool
    public let errorsAreTerminal: Bool

    public init(output: ConsoleStream, errors: ConsoleStream, input: ConsoleInput,
                inputIsTerminal: Bool, outputIsTerminal: Bool, errorsAreTerminal: Bool) {
        self.output = output
        self.errors = errors
        self.input = input
        self.inputIsTerminal = inputIsTerminal
        self.outputIsTerminal = outputIsTerminal
        self.errorsAreTerminal = errorsAreTerminal
    }

    /// The process's standard input, output and error.
    public static func process() -> Console {
        Console(output: ConsoleStream(FileHandle.standardOutput), errors: ConsoleStream(FileHandle.standardError),
                input: .standardInput, inputIsTerminal: Terminal.isTerminal(STDIN_FILENO),
                outputIsTerminal: Terminal.isTerminal(STDOUT_FILENO), errorsAreTerminal: Terminal.isTerminal(STDERR_FILENO))
    }

    /// No terminal anywhere: `input` is what a pipe would carry, and what is written is kept
    /// in `output.text` and `errors.text`, as a pipe to a test would receive it.
    public static func captured(input: String = "") -> Console {
        Console(output: ConsoleStream(), errors: ConsoleStream(), input: .text(input),
                inputIsTerminal: false, outputIsTerminal: false, errorsAreTerminal: false)
    }
}

/// One output stream: a file handle, or text kept for a test to read.
public final class ConsoleStream: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    private var kept = Data()

    /// Writes to `handle`.
    public init(_ handle: FileHandle) { self.handle = handle }

    /// Keeps what is written (`text`).
    public init() { handle = nil }

    public func write(_ text: String) {
        if let handle {
            handle.write(Data(text.utf8))
            return
        }
        lock.withLock { kept.append(contentsOf: text.utf8) }
    }

    /// Everything written so far, when the stream keeps it (else empty).
    public var text: String { lock.withLock { String(decoding: kept, as: UTF8.self) } }
}

/// Where piped commands come from.
public enum ConsoleInput: Sendable {
    /// The process's standard input, read a line at a time.
    case standardInput
    /// This text, as a pipe would carry it.
    case text(String)
}

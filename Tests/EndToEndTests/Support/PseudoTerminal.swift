import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `assay` on a real pseudo-terminal, as a person at a keyboard would: its standard
/// input, output and error are the terminal, so readline, Ctrl-C (SIGINT from the line
/// discipline) and Ctrl-D (end of file) behave as they do for a user.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    private(set) var transcript = ""

    /// A terminal of `rows` × `columns` (the window size readline and Assay read).
    init(arguments: [String], environment: [String: String], rows: UInt16 = 24, columns: UInt16 = 100) throws {
        // posix_openpt and friends are hidden from Swift's Glibc module; these are the Linux
        // ioctls they use (TIOCSPTLCK to unlock, TIOCGPTN for the terminal's number).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw PTYError("cannot open a pseudo-terminal")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, master)
        // In a new session, opening the terminal makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session (POSIX_SPAWN_SETSID, 0x80), with the signal mask cleared and SIGINT
        // at its default (SETSIGMASK 0x08, SETSIGDEF 0x04): the test runner's threads may
        // block or ignore signals, and a user's shell does not.
        posix_spawnattr_setflags(&attributes, 0x80 | 0x08 | 0x04)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &interrupt)

        let argv = ([AssayBinary.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, AssayBinary.path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw PTYError("posix_spawn failed: \(rc)") }
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `text` (control characters included: "\u{03}" is Ctrl-C, "\u{04}" Ctrl-D, "\t" Tab).
    func type(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Waits until the output since `from` contains `text`; returns the output since `from`.
    @discardableResult
    func waitFor(_ text: String, from start: String.Index? = nil, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let seen = transcript[(start ?? transcript.startIndex)...]
            if seen.contains(text) { return String(seen) }
            guard Date() < deadline else { throw PTYError("timed out waiting for \(text.debugDescription); screen so far:\n\(transcript)") }
            readAvailable(waitMilliseconds: 100)
        }
    }

    /// A marker for `waitFor(_:from:)`: only output after this point counts.
    var mark: String.Index { readAvailable(waitMilliseconds: 0); return transcript.endIndex }

    /// Waits for the child to exit and returns its status.
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else { throw PTYError("assay did not exit; screen:\n\(transcript)") }
            readAvailable(waitMilliseconds: 50)
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private func readAvailable(waitMilliseconds: Int32) {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var wait = waitMilliseconds
        while poll(&fds, 1, wait) > 0 {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { return }
            transcript += String(decoding: buffer[0..<n], as: UTF8.self)
            wait = 20
        }
    }
}

struct PTYError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

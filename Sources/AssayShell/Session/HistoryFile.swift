import AssayCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the REPL keeps its history: `$ASSAY_HISTORY`, else `$XDG_STATE_HOME/assay/history`
/// (XDG's default `~/.local/state` when that variable is unset but the directory exists),
/// else `~/.assay_history`. History can hold case ids, so the file is private (0600): the
/// REPL calls `makePrivate(at:)` when it loads the file and after every write to it.
public enum HistoryFile {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        ProcessPrivilege.asUser { pathAsUser(environment: environment) }
    }

    private static func pathAsUser(environment: [String: String]) -> String {
        if let explicit = environment["ASSAY_HISTORY"], !explicit.isEmpty { return explicit }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let stateHome: String? = {
            if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg }
            let fallback = home + "/.local/state"
            return FileManager.default.fileExists(atPath: fallback) ? fallback : nil
        }()
        if let stateHome {
            let dir = stateHome + "/assay"
            if (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                          attributes: [.posixPermissions: 0o700])) != nil {
                return dir + "/history"
            }
        }
        return home + "/.assay_history"
    }

    /// Creates the history file 0600 if it is missing, and sets an existing one to 0600: a
    /// file left readable by others (0644, by an older Assay, a copy or an editor) would show
    /// them every case id typed. Only a regular file is touched, so `ASSAY_HISTORY=/dev/null`
    /// (no history) leaves the device alone. Returns the file's permission bits afterwards,
    /// or nil when it cannot be opened (history is then simply not kept).
    @discardableResult
    public static func makePrivate(at path: String) -> mode_t? {
        // O_NONBLOCK: a FIFO given as the history path must not hang the shell here.
        let fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        let permissions = status.st_mode & 0o7777
        guard (status.st_mode & S_IFMT) == S_IFREG, permissions != 0o600 else { return permissions }
        return fchmod(fd, 0o600) == 0 ? 0o600 : permissions
    }
}

import Foundation

/// Where the REPL keeps its history: `$ASSAY_HISTORY`, else `$XDG_STATE_HOME/assay/history`
/// (XDG's default `~/.local/state` when that variable is unset but the directory exists),
/// else `~/.assay_history`. History can hold case ids, so the file is private (0600).
public enum HistoryFile {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
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
}

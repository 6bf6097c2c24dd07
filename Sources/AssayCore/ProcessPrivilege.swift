import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether this process runs with a group it was given by a set-group-id `assay` binary
/// (docs/deployment.md: the database's folder belongs to a service group that auditors are
/// not in, so only Assay can open it), and the means to act as the user themselves.
///
/// Running so, Assay holds a power the user does not: it can read and write the protected
/// database and its backups. Everything the user names — a file to import or to read
/// answers from, a script, an `--out` file, an evidence pack's folder, the shell's history —
/// is therefore opened with the user's own group (`asUser`), so `--out /srv/assay/audit.db`
/// or `import cases /srv/assay/audit.db` is denied by the operating system exactly as it
/// would be to the user. Test hooks in the environment (`$ASSAY_TODAY`) are ignored.
public enum ProcessPrivilege {
    /// The group the binary gave this process, when it is not the user's own: recorded on
    /// first use, which `AssayMain` makes the process's first act.
    public static let serviceGroup: gid_t? = {
        let effective = getegid()
        return effective != getgid() ? effective : nil
    }()

    /// True when running set-group-id (or set-user-id) rather than as the user alone.
    public static var isElevated: Bool { serviceGroup != nil || geteuid() != getuid() }

    /// Runs `body` with the user's own group as the effective group, then takes the service
    /// group back. Without a service group it just runs `body`.
    public static func asUser<T>(_ body: () throws -> T) rethrows -> T {
        // Already the user's (a nested call): nothing to switch, nothing to take back.
        guard let service = serviceGroup, getegid() == service else { return try body() }
        guard setegid(getgid()) == 0 else {
            // Could not drop the group: refuse to touch the user's file with it.
            fatalError("assay: cannot set the effective group to the user's own (\(String(cString: strerror(errno))))")
        }
        defer {
            if setegid(service) != 0 {
                fatalError("assay: cannot take back the service group (\(String(cString: strerror(errno))))")
            }
        }
        return try body()
    }

    /// The environment as Assay may trust it: unchanged for an ordinary process; running
    /// set-group-id, without the variables that exist for testing (`$ASSAY_TODAY`).
    public static func trusted(_ environment: [String: String]) -> [String: String] {
        guard isElevated else { return environment }
        var kept = environment
        for name in testingOnly { kept[name] = nil }
        return kept
    }

    /// Variables that only tests set.
    public static let testingOnly = ["ASSAY_TODAY"]
}

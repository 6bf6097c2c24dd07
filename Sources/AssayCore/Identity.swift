import Foundation

/// Who is at the keyboard: the name they declare (`--as`, `$ASSAY_AUDITOR`, else the login)
/// and the operating-system login, which the audit log records beside it so that a declared
/// name that differs from the login is visible afterwards.
public struct Identity: Sendable, Equatable {
    public let name: String
    public let osLogin: String

    public init(name: String, osLogin: String) {
        self.name = name
        self.osLogin = osLogin
    }

    /// Resolves the user in the documented order.
    public static func resolve(declared: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Identity {
        let login = osLoginName(environment: environment)
        let trimmed = declared?.trimmingCharacters(in: .whitespaces)
        if let name = trimmed, !name.isEmpty { return Identity(name: name, osLogin: login) }
        if let name = environment["ASSAY_AUDITOR"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            return Identity(name: name, osLogin: login)
        }
        return Identity(name: login, osLogin: login)
    }

    /// The login name of the effective user, from the password database; the environment
    /// only when the password database has no entry (some containers).
    public static func osLoginName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return environment["LOGNAME"] ?? environment["USER"] ?? "uid-\(geteuid())"
    }
}

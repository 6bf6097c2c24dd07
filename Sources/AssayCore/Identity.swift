import Foundation

/// Who is at the keyboard: the name they declare (`--as`, `$ASSAY_AUDITOR`, else the login)
/// and the operating-system login, which the audit log records beside it so that a declared
/// name that differs from the login is visible afterwards.
///
/// On a database that binds logins to people (docs/deployment.md) the declared name is only
/// a claim: the store replaces it with the person bound to `osLogin`, and refuses a claim to
/// be someone else (`Store.resolveLogin`).
public struct Identity: Sendable, Equatable {
    public let name: String
    public let osLogin: String

    public init(name: String, osLogin: String) {
        self.name = name
        self.osLogin = osLogin
    }

    /// True when the name was declared as someone other than the login (`--as`,
    /// `$ASSAY_AUDITOR`): what a database that binds logins refuses unless it names the
    /// person the login is bound to.
    public var namesSomeoneElse: Bool { name != osLogin }

    /// Resolves the user in the documented order.
    public static func resolve(declared: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Identity {
        let login = osLoginName()
        let trimmed = declared?.trimmingCharacters(in: .whitespaces)
        if let name = trimmed, !name.isEmpty { return Identity(name: name, osLogin: login) }
        if let name = environment["ASSAY_AUDITOR"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            return Identity(name: name, osLogin: login)
        }
        return Identity(name: login, osLogin: login)
    }

    /// The login name of the real user, from the password database: never `$USER` or
    /// `$LOGNAME`, which whoever starts the process sets as they like, and never the
    /// effective user (a set-id installation's). A uid with no entry (some containers) is
    /// `uid-N`.
    public static func osLoginName() -> String {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return "uid-\(uid)"
    }
}

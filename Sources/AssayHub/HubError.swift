import AssayCore

/// What the regional hub refuses: a database not yet a hub, an authority or key it does not
/// know or knows already, a return it will not take, a server that cannot be reached.
/// Worded for the command line by the shell (ErrorWording.swift).
public enum HubError: AssayError, Equatable {
    /// No hub was named to connect to.
    case noHubNamed
    /// The database has no hub tables yet.
    case notAHub
    /// The hub's schema is newer than this Assay knows.
    case hubNewer(version: Int, latest: Int)
    case authorityNameMissing
    /// The key is already `owner`'s.
    case keyTaken(owner: String)
    case authorityExists(String)
    /// No authority on the hub has the key that signed the return in `source`.
    case unknownKey(source: String, keyID: String, claimed: String)
    /// No authority `name` on the hub (`suggestion`: " Did you mean …?", or "").
    case noAuthority(String, suggestion: String)
    /// The return's signature does not verify with `authority`'s key.
    case signatureFails(source: String, authority: String)
    /// A newer return of `authority` for `month` is on the hub already.
    case olderReturn(source: String, authority: String, month: String, current: String, currentMadeAt: String, madeAt: String)
    /// libpq could not even allocate a connection.
    case noMemoryToConnect
    /// The server at `url` (its password redacted) refused or could not be reached
    /// (`reason`: libpq's words).
    case cannotConnect(url: String, reason: String)
    /// A statement got no result at all from the server (`reason`: libpq's words); a
    /// statement the server refused is a `PostgresFailure`, with its SQLSTATE.
    case noAnswer(reason: String)

    public var kind: ErrorKind {
        switch self {
        case .noHubNamed, .authorityNameMissing: .invalidInput
        case .notAHub, .hubNewer, .keyTaken, .authorityExists, .signatureFails, .olderReturn: .conflict
        case .unknownKey, .noAuthority: .notFound
        case .noMemoryToConnect, .cannotConnect, .noAnswer: .storage
        }
    }

    public var place: InputPlace? {
        switch self {
        case .noHubNamed: .argument("hub")
        case .authorityNameMissing: .argument("authority")
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .noHubNamed: "No hub named."
        case .notAHub: "The hub database has no hub tables yet."
        case .hubNewer(let version, let latest):
            "The hub is at schema version \(version), newer than this Assay knows (\(latest)); use a newer Assay."
        case .authorityNameMissing: "An authority needs a name."
        case .keyTaken(let owner): "That key is already \(owner)'s on this hub; each authority has its own key."
        case .authorityExists(let name): "\(name) is on the hub already."
        case .unknownKey(let source, let keyID, let claimed):
            "\(source): no authority on the hub has the key that signed it (\(keyID.prefix(16))…; the return says it is from \(claimed)). "
                + "Nothing was imported."
        case .noAuthority(let name, let suggestion): "No authority \(name) on the hub.\(suggestion)"
        case .signatureFails(let source, let name):
            "\(source): the signature does not verify with \(name)'s key: the file was changed after it was signed. Nothing was imported."
        case .olderReturn(let source, let name, let month, let current, let currentMadeAt, let madeAt):
            "\(source): \(name)'s return for \(month) already on the hub (return \(current), made \(currentMadeAt)) is newer than this one "
                + "(made \(madeAt)); an older return never replaces a newer. Nothing was imported."
        case .noMemoryToConnect: "Cannot connect to the hub: out of memory."
        case .cannotConnect(let url, let reason): "Cannot connect to the hub \(url): \(reason)"
        case .noAnswer(let reason): "The hub did not answer: \(reason)"
        }
    }
}

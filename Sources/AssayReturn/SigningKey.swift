import AssayCore
import Crypto
import Foundation

/// The database's Ed25519 key pair for signing returns (docs/regional.md, "The key").
///
/// The private key lives in a file beside the database, `DATABASE.signing-key`, created
/// 0600 by the lead's own login and read only when it is still 0600 and still the reader's:
/// Assay refuses a key file others could read, as ssh does. Not in the database: every
/// auditor's login reads the database (and a shared database's group writes it, docs/
/// deployment.md), so a key in it would let any of them sign; a backup or evidence pack
/// would carry it too. A file only the lead's login can open limits signing to the lead
/// whoever declares themselves lead with `--as`.
public struct SigningKey: Sendable {
    public let authority: String
    let privateKey: Curve25519.Signing.PrivateKey

    public var publicKey: PublicReturnKey { PublicReturnKey(authority: authority, key: privateKey.publicKey) }

    /// Where the key for the database at `databasePath` is kept.
    public static func path(forDatabase databasePath: String) -> String { databasePath + ".signing-key" }

    /// Makes a new key pair for `authority` and writes the private key to `path` (0600,
    /// never over an existing file).
    public static func create(authority: String, at path: String, now: Date = Date()) throws -> SigningKey {
        let name = authority.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ReturnError.authorityNameMissing }
        let key = SigningKey(authority: name, privateKey: Curve25519.Signing.PrivateKey())
        let json = JSONValue.object([
            "algorithm": .string("ed25519"),
            "authority": .string(name),
            "private_key": .string(Data(key.privateKey.rawRepresentation).base64EncodedString()),
            "created_at": .string(ISO8601DateFormatter().string(from: now)),
        ])
        try OwnerOnlyFile.create(path, contents: json.canonicalBytes + [0x0A])
        return key
    }

    /// Reads the key at `path`, refusing a file another login owns or others may read.
    public static func load(from path: String) throws -> SigningKey {
        let bytes = try OwnerOnlyFile.read(path)
        let json = try StrictJSONReader.parse(bytes, source: path, kind: "a valid key file")
        let fields = Fields(json, path: "", source: path)
        guard try fields.string("algorithm") == "ed25519",
              let raw = Data(base64Encoded: try fields.string("private_key")),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw ReturnFileError.notASigningKey(path: path) }
        return SigningKey(authority: try fields.string("authority"), privateKey: key)
    }

    public func signature(for bytes: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: Data(bytes)))
    }
}

/// The public half, as `keys export-public` writes it and `hub authority add --key` reads it.
public struct PublicReturnKey: Sendable, Equatable {
    public let authority: String
    public let key: Curve25519.Signing.PublicKey

    public static func == (a: PublicReturnKey, b: PublicReturnKey) -> Bool {
        a.authority == b.authority && a.key.rawRepresentation == b.key.rawRepresentation
    }

    public init(authority: String, key: Curve25519.Signing.PublicKey) {
        self.authority = authority
        self.key = key
    }

    /// SHA-256 of the 32 raw key bytes, in hex: how a return names the key that signed it.
    public var keyID: String { Hashing.sha256Hex(key.rawRepresentation) }
    public var base64: String { key.rawRepresentation.base64EncodedString() }

    public var json: JSONValue {
        .object(["algorithm": .string("ed25519"), "authority": .string(authority), "key_id": .string(keyID), "public_key": .string(base64)])
    }

    public init(json: JSONValue, source: String) throws {
        let fields = Fields(json, path: "", source: source)
        guard try fields.string("algorithm") == "ed25519",
              let raw = Data(base64Encoded: try fields.string("public_key")),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { throw ReturnFileError.notAPublicKey(source: source) }
        self.init(authority: try fields.string("authority"), key: key)
        if let stated = json["key_id"]?.string, stated != keyID {
            throw ReturnFileError.keyIDMismatch(source: source)
        }
    }

    public init(base64: String, authority: String) throws {
        guard let raw = Data(base64Encoded: base64), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw ReturnFileError.storedKeyInvalid(authority: authority)
        }
        self.init(authority: authority, key: key)
    }

    public static func read(from path: String) throws -> PublicReturnKey {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReturnFileError.cannotReadPublicKey(path: path) }
        return try PublicReturnKey(json: try StrictJSONReader.parse(Array(data), source: path, kind: "a valid key file"), source: path)
    }

    public func isValidSignature(_ signature: [UInt8], for bytes: [UInt8]) -> Bool {
        key.isValidSignature(Data(signature), for: Data(bytes))
    }
}

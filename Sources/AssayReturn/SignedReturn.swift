import AssayCore
import Foundation

/// A return with its signature, as one file: the canonical JSON of
/// `{"return": RETURN, "signature": {"algorithm": "ed25519", "key_id": …, "value": BASE64}}`
/// and a newline. The signature is over the canonical bytes of RETURN alone
/// (docs/regional.md, "Signature").
public struct SignedReturn: Sendable {
    public let body: AuthorityReturn
    /// The canonical bytes of the return, as signed.
    public let signedBytes: [UInt8]
    public let signature: [UInt8]
    public let keyID: String

    /// SHA-256 of the signed bytes: the same return, however often sent, has one digest.
    public var digest: String { Hashing.sha256Hex(signedBytes) }

    public static func sign(_ body: AuthorityReturn, with key: SigningKey) throws -> SignedReturn {
        guard body.keyID == key.publicKey.keyID else { throw ReturnFileError.signedWithAnotherKey }
        let bytes = body.json.canonicalBytes
        return SignedReturn(body: body, signedBytes: bytes, signature: try key.signature(for: bytes), keyID: body.keyID)
    }

    /// The file's bytes.
    public var fileBytes: [UInt8] {
        let signatureJSON = JSONValue.object([
            "algorithm": .string("ed25519"), "key_id": .string(keyID), "value": .string(Data(signature).base64EncodedString()),
        ])
        return JSONValue.object(["return": body.json, "signature": signatureJSON]).canonicalBytes + [0x0A]
    }

    /// Reads a return file: its JSON strictly, its fields as the schema says. The signature
    /// is not checked here (the caller holds the keys): `verify(with:)`.
    public init(fileBytes: [UInt8], source: String) throws {
        let json = try StrictJSONReader.parse(fileBytes, source: source, kind: "a valid return")
        let top = Fields(json, path: "", source: source)
        guard Set(top.keys) == ["return", "signature"], let returnJSON = json["return"] else {
            throw ReturnFileError.notASignedReturn(source: source)
        }
        let sig = try top.object("signature")
        guard try sig.string("algorithm") == "ed25519" else { throw sig.failure("algorithm", "must be ed25519") }
        guard let value = Data(base64Encoded: try sig.string("value")), value.count == 64 else {
            throw sig.failure("value", "is not a base64 Ed25519 signature (64 bytes)")
        }
        body = try AuthorityReturn(json: returnJSON, source: source)
        keyID = try sig.string("key_id")
        guard keyID == body.keyID else { throw sig.failure("key_id", "differs from the return's key_id") }
        // What was signed is the canonical form of what was read: a file re-spaced or with
        // its members reordered still verifies, one with any value changed does not.
        signedBytes = returnJSON.canonicalBytes
        signature = Array(value)
    }

    private init(body: AuthorityReturn, signedBytes: [UInt8], signature: [UInt8], keyID: String) {
        self.body = body
        self.signedBytes = signedBytes
        self.signature = signature
        self.keyID = keyID
    }

    public func verify(with key: PublicReturnKey) -> Bool {
        key.keyID == keyID && key.isValidSignature(signature, for: signedBytes)
    }
}

import AssayCore
import AssayReturn
import AssayTestSupport
import Foundation
import Testing

/// Signing and reading returns: what the hub relies on (docs/regional.md, "Signature").
@Suite struct SignedReturnTests {
    let work = TemporaryDirectory()

    func sample(_ key: SigningKey) -> AuthorityReturn {
        let stratum = AuthorityReturn.Stratum(
            month: Month("2026-11")!, draw: 1, position: 0, key: ["team": "Alpha \"Q\""], frameCases: .count(10), audited: .count(2),
            grades: [.count(0), .count(1), .count(0), .count(1)], domains: ["safety": [.count(0), .count(1), .count(0), .count(1)]],
            moderated: .count(1), moderationAgreed: .count(1), actionsRaised: .count(3), actionsDoneOnTime: .count(1), actionsOverdue: .count(1))
        return AuthorityReturn(authority: key.authority, keyID: key.publicKey.keyID, from: Month("2026-11")!, to: Month("2026-11")!,
                               madeAt: "2026-12-01T09:00:00Z", asOf: CalendarDate(parsing: "2026-12-01")!, chainHead: "7:" + String(repeating: "ab", count: 32),
                               assayVersion: "test", counts: .exact, templates: [.init(id: "mini", version: 1, sha256: String(repeating: "0", count: 64))],
                               strata: [stratum])
    }

    @Test func signedReturnReadsBackAndVerifies() throws {
        let key = try SigningKey.create(authority: "Northmoor", at: work.file("k"))
        let signed = try SignedReturn.sign(sample(key), with: key)
        let read = try SignedReturn(fileBytes: signed.fileBytes, source: "r.json")
        #expect(read.body == signed.body)
        #expect(read.digest == signed.digest)
        #expect(read.verify(with: key.publicKey))
        // The key as loaded from its file signs alike.
        #expect(try SigningKey.load(from: work.file("k")).publicKey == key.publicKey)
    }

    @Test func tamperedOrWronglyKeyedReturnFailsVerification() throws {
        let key = try SigningKey.create(authority: "Northmoor", at: work.file("k"))
        let other = try SigningKey.create(authority: "Northmoor", at: work.file("k2"))
        let signed = try SignedReturn.sign(sample(key), with: key)
        let text = String(decoding: signed.fileBytes, as: UTF8.self)
        let tampered = text.replacingOccurrences(of: "\"inadequate\":1", with: "\"inadequate\":0")
            .replacingOccurrences(of: "\"4\":1", with: "\"4\":0").replacingOccurrences(of: "\"2\":1", with: "\"2\":2")
        #expect(tampered != text)
        let read = try SignedReturn(fileBytes: Array(tampered.utf8), source: "t.json")
        #expect(!read.verify(with: key.publicKey))
        #expect(!signed.verify(with: other.publicKey))
        // Re-spaced, the same values: still the same signed bytes.
        let spaced = text.replacingOccurrences(of: ",\"", with: ", \"")
        #expect(try SignedReturn(fileBytes: Array(spaced.utf8), source: "s.json").verify(with: key.publicKey))
    }

    @Test func malformedReturnsAreRefusedNamingTheField() throws {
        let key = try SigningKey.create(authority: "Northmoor", at: work.file("k"))
        let text = String(decoding: try SignedReturn.sign(sample(key), with: key).fileBytes, as: UTF8.self)
        let cases: [(String, String)] = [
            (text.replacingOccurrences(of: "\"audited\":2", with: "\"audited\":2.0"), "fraction"),
            (text.replacingOccurrences(of: "\"audited\":2", with: "\"audited\":2,\"case_id\":\"A1\""), "case_id"),
            (text.replacingOccurrences(of: "\"audited\":2", with: "\"audited\":3"), "grades"),
            (text.replacingOccurrences(of: "\"frame_cases\":10", with: "\"frame_cases\":1"), "audited"),
            (text.replacingOccurrences(of: "\"inadequate\":1", with: "\"inadequate\":\"[c]\""), "inadequate"),
            (text.replacingOccurrences(of: "\"mode\":\"exact\"", with: "\"mode\":\"rough\""), "counts.mode"),
        ]
        for (bad, field) in cases {
            #expect(bad != text, "\(field)")
            let error = #expect(throws: (any Error).self, "\(field)") { try SignedReturn(fileBytes: Array(bad.utf8), source: "bad.json") }
            let refusal = error as? any AssayError  // the return's fields, or its JSON
            #expect(refusal?.description.contains("bad.json") == true)
            #expect(refusal?.description.contains(field) == true, "\(refusal?.description ?? "\(String(describing: error))")")
            #expect(refusal?.kind == .invalidInput)
        }
    }
}

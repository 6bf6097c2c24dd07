import Foundation
import Testing

/// `keys init`, `keys export-public` and `export return` through the binary, on the report
/// suites' hand-checkable database (team Alpha: 10 cases, 2 audited, 1 inadequate; team
/// Beta: 4 cases, 2 audited, none inadequate; docs/regional.md).
@Suite struct ReturnCommandTests {
    let work = Workspace()

    init() throws {
        try TwoTeamWorkspace.prepare(work)
        let keys = try TwoTeamWorkspace.run(work, ["keys", "init", "--authority", "Northmoor Council"])
        try #require(keys.status == 0, "\(keys.stderr)")
    }

    func export(_ extra: [String], to name: String = "return.json") throws -> [String: Any] {
        let result = try TwoTeamWorkspace.run(work, ["export", "return", "--from", "2026-11", "--to", "2026-11", "--out", name] + extra)
        try #require(result.status == 0, "\(result.stderr)")
        let data = try #require(FileManager.default.contents(atPath: work.file(name)))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func strata(_ file: [String: Any]) -> [[String: Any]] {
        ((file["return"] as? [String: Any])?["strata"] as? [[String: Any]]) ?? []
    }

    @Test func exactReturnHoldsTheDrawsStrataAndNothingAboutAChild() throws {
        let file = try export(["--exact-counts"])
        let body = try #require(file["return"] as? [String: Any])
        #expect(body["authority"] as? String == "Northmoor Council")
        #expect((body["counts"] as? [String: Any])?["mode"] as? String == "exact")
        #expect((body["chain_head"] as? String)?.contains(":") == true)
        let rows = strata(file).map { s -> (String, Int, Int, Int) in
            ((s["key"] as? [String: String])?["team"] ?? "", s["frame_cases"] as? Int ?? -1, s["audited"] as? Int ?? -1, s["inadequate"] as? Int ?? -1)
        }
        #expect(rows.map(\.0) == ["Alpha", "Beta"])
        #expect(rows.map(\.1) == [10, 4])
        #expect(rows.map(\.2) == [2, 2])
        #expect(rows.map(\.3) == [1, 0])
        // The signature's base64 may spell anything ("B1" once), so it is left out of the search.
        let signature = ((file["signature"] as? [String: Any])?["value"] as? String) ?? ""
        let text = try String(contentsOfFile: work.file("return.json"), encoding: .utf8).replacingOccurrences(of: signature, with: "")
        #expect(!signature.isEmpty)
        // No case id, no person, no answer (question ids), no evidence: counts by domain only.
        for absent in ["A1", "A2", "B1", "B3", "Lena", "Lead", "risk", "plan-quality", "seen"] {
            #expect(!text.contains(absent), "\(absent) appears in the return")
        }
        #expect(text.contains("\"safety\""))
        #expect(!text.contains("evidence"))
        // Written private, like every export.
        let mode = try FileManager.default.attributesOfItem(atPath: work.file("return.json"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Every figure from 1 to K−1 is [c], by the public reports' rule; the exact return has none.
    @Test func suppressedReturnShowsNoSmallCount() throws {
        for k in [3, 5] {
            let file = try export(["--suppress-below", String(k)], to: "r\(k).json")
            var small: [Int] = [], hidden = 0
            func walk(_ value: Any, _ key: String) {
                if let d = value as? [String: Any] {
                    for (k2, v) in d where !["draw", "position", "format_version", "suppress_below"].contains(k2) { walk(v, k2) }
                } else if let a = value as? [Any] {
                    a.forEach { walk($0, key) }
                } else if let n = value as? Int, n >= 1, n < k {
                    small.append(n)
                } else if value as? String == "[c]" {
                    hidden += 1
                }
            }
            walk(strata(file), "")
            #expect(small.isEmpty, "K \(k): \(small)")
            #expect(hidden > 0)
            #expect((file["return"] as? [String: Any]).flatMap { $0["counts"] as? [String: Any] }?["suppress_below"] as? Int == k)
        }
    }

    /// A real return validates against docs/schemas/authority-return.schema.json (python3-jsonschema).
    @Test func returnValidatesAgainstItsSchema() throws {
        _ = try export(["--exact-counts"], to: "exact.json")
        _ = try export([], to: "public.json")
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            for f in sys.argv[2:]:
                jsonschema.Draft202012Validator(schema).validate(json.load(open(f)))
            bad = json.load(open(sys.argv[2])); bad["return"]["strata"][0]["case_id"] = "A1"
            try:
                jsonschema.Draft202012Validator(schema).validate(bad); sys.exit("a case id was accepted")
            except jsonschema.ValidationError:
                print("ok")
            """
        work.write("validate.py", script)
        let result = try AssayBinary.runTool(["python3", "validate.py", AssayBinary.packageRoot + "/docs/schemas/authority-return.schema.json",
                                              work.file("exact.json"), work.file("public.json")], in: work.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok"))
    }

    @Test func keyIsPrivateNeverReplacedAndRefusedWhenOthersCanReadIt() throws {
        let keyPath = work.file("qa.db.signing-key")
        #expect(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int == 0o600)
        let again = try TwoTeamWorkspace.run(work, ["keys", "init", "--authority", "Other"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("exists already"))
        let pub = try TwoTeamWorkspace.run(work, ["keys", "export-public", "--out", "northmoor.pub"])
        #expect(pub.status == 0, "\(pub.stderr)")
        let key = try String(contentsOfFile: work.file("northmoor.pub"), encoding: .utf8)
        #expect(key.contains("\"public_key\""))
        #expect(!key.contains("private"))
        chmod(keyPath, 0o640)
        let refused = try TwoTeamWorkspace.run(work, ["export", "return", "--from", "2026-11", "--to", "2026-11", "--out", "x.json"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("can be read by others"))
        #expect(!FileManager.default.fileExists(atPath: work.file("x.json")))
    }

    @Test func optionsAreChecked() throws {
        let both = try TwoTeamWorkspace.run(work, ["export", "return", "--from", "2026-11", "--to", "2026-11", "--out", "x.json",
                                                   "--exact-counts", "--suppress-below", "3"])
        #expect(both.status == 2)
        let backwards = try TwoTeamWorkspace.run(work, ["export", "return", "--from", "2026-11", "--to", "2026-10", "--out", "x.json"])
        #expect(backwards.status != 0)
        #expect(backwards.stderr.contains("after"))
    }
}

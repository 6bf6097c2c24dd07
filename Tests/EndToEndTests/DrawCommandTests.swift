import Foundation
import Testing

/// The QA lead's draw through the built binary: the JSON contract, dry runs, replacement,
/// verification, and the independent Python script that re-derives a stored draw.
@Suite struct DrawCommandTests {
    let work = Workspace()

    init() throws {
        let register = AssayBinary.packageRoot + "/Samples/register-2026-11.csv"
        try #require(try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "init"]).status == 0)
        let result = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "import", "cases", register, "--as-of", "2026-11-01"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func drawPrintsTheDocumentedJSONAndStoresIt() throws {
        let draw = try json(["draw", "--month", "2026-11", "--size", "60", "--format", "json"])
        #expect(draw["month"] as? String == "2026-11")
        #expect((draw["seed"] as? String)?.count == 64)  // 32 secure random bytes in hex
        #expect(draw["seed_given"] as? Bool == false)
        #expect((draw["frame"] as? [String: Any])?["id"] as? Int == 1)
        let allocation = draw["allocation"] as? [[String: Any]] ?? []
        #expect(allocation.count == 43)
        #expect(allocation.reduce(0) { $0 + ($1["sample"] as? Int ?? 0) } == 60)
        #expect(allocation.allSatisfy { ($0["sample"] as? Int ?? 0) >= 1 })
        #expect((allocation.first?["stratum"] as? [String: String])?.keys.sorted() == ["locality", "team"])
        let cases = draw["cases"] as? [[String: Any]] ?? []
        #expect(cases.count == 60)
        #expect(Set(cases.compactMap { $0["case_id"] as? String }).count == 60)
        let shown = try json(["draw", "show", "2026-11", "--format", "json"])
        #expect(shown["seed"] as? String == draw["seed"] as? String)
        let verify = try work.assay.run(["--db", "qa.db", "draw", "verify", "2026-11"])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("identical"))
    }

    @Test func aDryRunStoresNothingAndItsSeedReproducesTheDraw() throws {
        let dry = try json(["draw", "--month", "2026-11", "--size", "50", "--dry-run", "--format", "json"])
        #expect(dry["status"] as? String == "dry-run")
        let missing = try work.assay.run(["--db", "qa.db", "draw", "show", "2026-11"])
        #expect(missing.status != 0)
        let real = try json(["draw", "--month", "2026-11", "--size", "50", "--seed", dry["seed"] as! String, "--format", "json"])
        let ids = { (d: [String: Any]) in (d["cases"] as? [[String: Any]] ?? []).compactMap { $0["case_id"] as? String } }
        #expect(ids(real) == ids(dry))
    }

    @Test func aSecondDrawNeedsReplaceWithAReason() throws {
        _ = try json(["draw", "--month", "2026-11", "--size", "50", "--format", "json"])
        let again = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "draw", "--month", "2026-11", "--size", "50"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("--replace --reason"))
        let replaced = try json(["draw", "--month", "2026-11", "--size", "50", "--replace", "--reason", "wrong register", "--format", "json"])
        #expect(replaced["replaces_draw_id"] as? Int == 1)
        let old = try json(["draw", "show", "--id", "1", "--format", "json"])
        #expect(old["status"] as? String == "replaced")
    }

    @Test func refusesMinimumsThatExceedTheSize() throws {
        let result = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "draw", "--month", "2026-11", "--size", "20"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("needs 43 cases over 43 strata, more than the total of 20"))
    }

    @Test func sampleListsTheDrawnCasesByTeam() throws {
        _ = try json(["draw", "--month", "2026-11", "--size", "60", "--format", "json"])
        let csv = try work.assay.run(["--db", "qa.db", "sample", "2026-11", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("case_id,team,locality,service,worker,status,auditor,audit_id,reaudit\n"))
        let result = try work.assay.run(["--db", "qa.db", "sample", "2026-11", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 60)
        #expect(rows.allSatisfy { $0["status"] as? String == "not started" && $0["auditor"] is NSNull })
        let teams = rows.compactMap { $0["team"] as? String }
        #expect(teams == teams.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func theIndependentScriptReproducesStoredDraws() throws {
        let script = AssayBinary.packageRoot + "/Scripts/reproduce-draw"
        try #require(FileManager.default.isExecutableFile(atPath: script))
        _ = try json(["draw", "--month", "2026-09", "--size", "60", "--format", "json"])
        _ = try json(["draw", "--month", "2026-10", "--size", "47", "--allocation", "equal", "--min-per-stratum", "0", "--format", "json"])
        _ = try json(["draw", "--month", "2026-11", "--per-stratum", "2", "--by", "team", "--services", "child-in-care,care-leaver", "--format", "json"])
        for month in ["2026-09", "2026-10", "2026-11"] {
            let run = try ProcessRunner.run("/usr/bin/env", ["python3", script, work.file("qa.db"), month])
            #expect(run.status == 0, "\(month): \(run.stdout) \(run.stderr)")
            #expect(run.stdout.contains("identical"))
        }
        // Changed behind Assay's back, the script notices too.
        let sqlite = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", """
            import sqlite3; c = sqlite3.connect('\(work.file("qa.db"))')
            c.execute("UPDATE draw_stratum SET sample = sample + 1 WHERE id = (SELECT min(id) FROM draw_stratum)"); c.commit()
            """])
        #expect(sqlite.status == 0)
        let tampered = try ProcessRunner.run("/usr/bin/env", ["python3", script, work.file("qa.db"), "2026-09"])
        #expect(tampered.status == 1)
    }
}

/// Runs any program and collects its output.
enum ProcessRunner {
    static func run(_ executable: String, _ arguments: [String]) throws -> AssayBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return AssayBinary.Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

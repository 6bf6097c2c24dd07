import AssayTestSupport
import Foundation
import Testing

/// Several auditors on one database file at once, and processes killed mid-write: nothing is
/// lost or doubled, nobody sees "database is locked", and the record still verifies.
@Suite(.serialized) struct ConcurrencyAndCrashTests {
    let work = Workspace()
    static let lead = AuditWorkspace.lead
    static let workers = 8
    static let auditsEach = 50

    /// A register of `count` front-door cases in one team, drawn whole for 2026-11.
    func prepare(cases count: Int) throws {
        work.write("cases.csv", "case_id,team,locality,service\n" + (1...count).map { "C\($0),Alpha Team,Northmoor,front-door\n" }.joined())
        work.write("mini.yaml", AuditWorkspace.template)
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        var commands: [[String]] = [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--size", String(count), "--by", "team", "--seed", "s"],
            ["template", "register", "mini.yaml"],
        ]
        commands += (1...Self.workers).map { ["people", "add", "Worker \($0)", "--role", "lead"] }
        for command in commands {
            let result = try assay.run(["--db", "qa.db", "--as", Self.lead] + command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        work.write("good.yaml", AuditCommandTests.goodAnswers)
        work.write("corrected.yaml", AuditCommandTests.goodAnswers.replacingOccurrences(of: "plan-quality: r", with: "plan-quality: g")
            .replacingOccurrences(of: "overall: 3", with: "overall: 2"))
    }

    /// Starts `assay --db qa.db --as WHO --bail` reading `script` on standard input.
    func start(as who: String, script: String) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AssayBinary.path)
        process.arguments = ["--db", "qa.db", "--as", who, "--bail"]
        process.currentDirectoryURL = URL(fileURLWithPath: work.path)
        process.environment = work.assay.environment
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        return (process, out, err)
    }

    /// Reads `pipe` until `phrase` has begun `times` lines, or the writer has closed it.
    static func read(_ pipe: Pipe, untilItSays phrase: String, times: Int) -> Data {
        var seen = Data()
        while String(decoding: seen, as: UTF8.self).split(separator: "\n").filter({ $0.hasPrefix(phrase) }).count < times {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        return seen
    }

    /// Runs every script at once and returns each one's (status, stdout, stderr).
    func runAtOnce(_ scripts: [(String, String)]) throws -> [(Int32, String, String)] {
        let started = try scripts.map { try start(as: $0.0, script: $0.1) }
        let results = ResultBox(count: started.count)
        DispatchQueue.concurrentPerform(iterations: started.count) { i in
            let (process, out, err) = started[i]
            nonisolated(unsafe) var errText = ""
            let reader = Thread { errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
            reader.start()
            let outText = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            while !reader.isFinished { usleep(1000) }
            results.set(i, (process.terminationStatus, outText, errText))
        }
        return results.values
    }

    @Test func eightAuditorsSubmittingAndEditingAtOnceLoseNothing() throws {
        let total = Self.workers * Self.auditsEach
        try prepare(cases: total)
        let submit: [(String, String)] = (1...Self.workers).map { w in
            ("Worker \(w)", (1...Self.auditsEach).map { "audit C\((w - 1) * Self.auditsEach + $0) --month 2026-11 --answers good.yaml\n" }.joined())
        }
        for (status, _, err) in try runAtOnce(submit) {
            #expect(status == 0, "\(err)")
            #expect(!err.contains("locked"))
        }
        let audits = try AuditWorkspace.audits(work)
        #expect(audits.count == total)
        #expect(Set(audits.compactMap { $0["case_id"] as? String }).count == total, "each case audited exactly once")
        #expect(try sqlite3(work, "SELECT count(*) FROM audit_answer") == String(total * 3), "three answered questions each")

        // Each reopens ten of its own audits and resubmits them corrected, all at once again.
        let edits: [(String, String)] = (1...Self.workers).map { w in
            let mine = audits.filter { $0["auditor"] as? String == "Worker \(w)" }.compactMap { $0["audit_id"] as? Int }.prefix(10)
            return ("Worker \(w)", mine.map { id in
                let caseID = audits.first { $0["audit_id"] as? Int == id }?["case_id"] as? String ?? "?"
                return "audit amend \(id) --reason \"Plan regraded at moderation\"\naudit \(caseID) --month 2026-11 --answers corrected.yaml\n"
            }.joined())
        }
        for (status, _, err) in try runAtOnce(edits) {
            #expect(status == 0, "\(err)")
            #expect(!err.contains("locked"))
        }
        #expect(try sqlite3(work, "SELECT count(*) FROM audit") == String(total))
        #expect(try sqlite3(work, "SELECT count(*) FROM audit WHERE status = 'submitted'") == String(total))
        #expect(try sqlite3(work, "SELECT count(*) FROM audit_answer") == String(total * 3))
        #expect(try sqlite3(work, "SELECT count(*) FROM audit_answer WHERE question_id = 'plan-quality' AND grade = 2") == String(Self.workers * 10))
        #expect(try sqlite3(work, "SELECT count(*) FROM audit_amendment") == String(Self.workers * 10))
        let verified = try AuditWorkspace.run(work, as: Self.lead, ["verify"])
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    /// Kills imports, draws and audits with SIGKILL at seeded random moments, many times: each
    /// time the database verifies, a register is either wholly imported or absent, a draw holds
    /// all its cases or is absent, and every audit the process reported submitted is there whole.
    @Test func processesKilledMidWriteLeaveADatabaseThatVerifies() throws {
        try prepare(cases: 300)
        work.write("big.csv", "case_id,team,locality,service\n"
                   + (1...30_000).map { "B\($0),Team \($0 % 40),Locality \($0 % 7),front-door\n" }.joined())
        var random = SeededRandom(seed: 20_261_202)
        var nextCase = 1
        var killedMidImport = 0, killedMidAudits = 0
        for round in 0..<18 {
            let framesBefore = try sqlite3(work, "SELECT count(*) FROM frame")
            let script: String
            switch round % 3 {
            case 0: script = "import cases big.csv --as-of 2026-12-01\n"
            case 1: script = "draw --month 2027-\(String(format: "%02d", round / 3 + 1)) --size 200 --by team,locality --seed r\(round)\n"
            default:
                script = (nextCase..<nextCase + 40).map { "audit C\($0) --month 2026-11 --answers good.yaml\n" }.joined()
                nextCase += 40
            }
            let (process, out, _) = try start(as: Self.lead, script: script)
            var seen = Data()
            if round % 3 == 2 {
                // Audits are quick: a kill at a random moment often lands before the first
                // or after the last. Wait for a random number of them to be reported, then
                // kill within a few milliseconds, so the kill lands among the writes.
                seen = Self.read(out, untilItSays: "Submitted audit ", times: 1 + random.below(38))
                usleep(UInt32(random.below(20_000)))
            } else {
                usleep(UInt32(random.below(1_500_000)))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: seen + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

            let verified = try AuditWorkspace.run(work, as: Self.lead, ["verify"])
            #expect(verified.status == 0, "round \(round): \(verified.stderr)")
            #expect(try sqlite3(work, "SELECT count(*) FROM frame f WHERE row_count <> (SELECT count(*) FROM frame_case c WHERE c.frame_id = f.id)") == "0",
                    "round \(round): no half-imported register")
            #expect(try sqlite3(work, "SELECT count(*) FROM draw d WHERE total <> (SELECT count(*) FROM draw_case c WHERE c.draw_id = d.id)") == "0",
                    "round \(round): no half-stored draw")
            #expect(try sqlite3(work, "SELECT count(*) FROM audit a WHERE (SELECT count(*) FROM audit_answer w WHERE w.audit_id = a.id) <> 3") == "0",
                    "round \(round): no half-stored audit")
            if round % 3 == 0, try sqlite3(work, "SELECT count(*) FROM frame") == framesBefore { killedMidImport += 1 }
            let submitted = printed.split(separator: "\n").filter { $0.hasPrefix("Submitted audit ") }
            if round % 3 == 2, (1..<40).contains(submitted.count) { killedMidAudits += 1 }
            for line in submitted {
                let id = line.split(separator: " ")[2]
                #expect(try sqlite3(work, "SELECT status FROM audit WHERE id = \(id)") == "submitted", "round \(round): \(line)")
            }
        }
        // The kills must land in the middle of the work for the test to mean anything.
        #expect(killedMidImport > 0 && killedMidAudits > 0, "imports killed: \(killedMidImport), audit scripts killed part-way: \(killedMidAudits)")
    }
}

/// Results written from concurrent threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(Int32, String, String)]
    init(count: Int) { storage = Array(repeating: (0, "", ""), count: count) }
    func set(_ i: Int, _ value: (Int32, String, String)) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [(Int32, String, String)] { lock.lock(); defer { lock.unlock() }; return storage }
}

import Foundation
import Testing

/// The same grammar from the operating system's shell, `-c`, scripts and pipes: run as the
/// executable, with real pipes, so the entry point a user runs stays tested end to end.
@Suite struct CommandLineTests {
    let work = Workspace()
    /// A new database, made by `init` as the login (every other command needs one).
    func create(_ db: String = "qa.db", as user: String? = nil) throws {
        let result = try work.binary.run(["--db", db] + (user.map { ["--as", $0] } ?? []) + ["init"])
        try #require(result.status == 0, "\(result.stderr)")
    }

    let register = "Case ID,Team,Locality,Service,Opened,Child Name\nC1,CP North,Northmoor,Child Protection,01/02/2024,Zed\nC2,\"CIC, East\",Eastbridge,child-in-care,2023-05-06,Yan\nC3,CP North,Eastbridge,,,Xi\n"

    @Test func importsARegisterFromTheShellCommandLine() throws {
        work.write("cases.csv", register)
        let refused = try work.binary.run(["--db", "qa.db", "--as", "Lena Lead", "import", "cases", "cases.csv", "--as-of", "2026-11-01"])
        #expect(refused.status != 0, "only init makes a database")
        #expect(refused.stderr.contains("qa.db: no such database; nothing was created."), "\(refused.stderr)")
        #expect(refused.stderr.contains("To create a new database there: assay --db qa.db init"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.file("qa.db")))
        let created = try work.binary.run(["--db", "qa.db", "--as", "Lena Lead", "init"])
        #expect(created.stdout.contains("Created qa.db; Lena Lead is its lead."), "\(created.stdout)\(created.stderr)")
        let result = try work.binary.run(["--db", "qa.db", "--as", "Lena Lead", "import", "cases", "cases.csv", "--as-of", "2026-11-01"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Imported 3 cases as frame 1: 2 teams, 2 localities, as of 2026-11-01."))
        #expect(result.stderr.contains("Not stored (use --keep COLUMN to keep one): Child Name."))
        let mode = try FileManager.default.attributesOfItem(atPath: work.file("qa.db"))[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let json = try work.binary.run(["--db", "qa.db", "frame", "show", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.map { "\($0["team"]!)/\($0["locality"]!)=\($0["cases"]!)" } == ["CIC, East/Eastbridge=1", "CP North/Eastbridge=1", "CP North/Northmoor=1"])
    }

    @Test func theDatabaseComesFromTheEnvironmentWhenNoFlagIsGiven() throws {
        var assay = work.binary
        assay.environment["ASSAY_DB"] = work.file("env.db")
        assay.environment["ASSAY_AUDITOR"] = "Priya Shah"
        #expect(try assay.run(["init"]).status == 0)
        let result = try assay.run(["status", "--format", "json"])
        let status = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(status?["database"] as? String == work.file("env.db"))
        #expect(status?["user"] as? String == "Priya Shah")
        #expect(status?["role"] as? String == "lead")
    }

    @Test func aBrokenRegisterIsRejectedWithLinesAndFieldsAndChangesNothing() throws {
        work.write("bad.csv", "case_id,team,locality,service\nA,T,L,assessment\nB,,L,assessment\nC,T,L,Youth Justice\n")
        try create()
        let result = try work.binary.run(["--db", "qa.db", "import", "cases", "bad.csv"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.csv: rejected, 2 problems; nothing was imported."))
        #expect(result.stderr.contains("bad.csv:3: field \"team\": required field is empty"))
        #expect(result.stderr.contains("bad.csv:4: field \"service\": unknown service \"Youth Justice\""))
        let frames = try work.binary.run(["--db", "qa.db", "frames", "--format", "json"])
        #expect(frames.stdout == "[]\n")
    }

    @Test func dashCRunsEachCommandAndTheStatusSaysIfAnyFailed() throws {
        try create()
        let ok = try work.binary.run(["--db", "qa.db", "-c", "people add Sam --role auditor", "-c", "people --format csv"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("Sam,auditor,,"))
        let failing = try work.binary.run(["--db", "qa.db", "-c", "people add Sam --role auditor", "-c", "month"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("-c:1: Sam is already one of this database's people."))
        #expect(failing.stdout.contains("-")) // `month` still ran
    }

    @Test func aScriptReportsErrorsWithLineNumbersAndGoesOnWithoutBail() throws {
        work.write("cases.csv", register)
        work.write("cycle.assay", """
            # November cycle
            import cases cases.csv --as-of 2026-11-01

            people add "Sam Patel" \\
                --role auditor
            frobnicate
            people add 'Mo' --role moderator   # a comment
            """)
        try create()
        let result = try work.binary.run(["--db", "qa.db", "run", "cycle.assay"])
        #expect(result.status == 2, "the first failure was an unknown command")
        #expect(result.stderr.contains("cycle.assay:6: unknown command \"frobnicate\""))
        let people = try work.binary.run(["--db", "qa.db", "people", "--format", "csv"])
        #expect(people.stdout.contains("Sam Patel,auditor"))
        #expect(people.stdout.contains("Mo,moderator"))
    }

    @Test func bailStopsAtTheFirstFailure() throws {
        work.write("cycle.assay", "people add A --role auditor\nfrobnicate\npeople add B --role auditor\n")
        try create()
        try create("p.db")
        let result = try work.binary.run(["--db", "qa.db", "run", "cycle.assay", "--bail"])
        #expect(result.status == 2, "the first failure was an unknown command")
        let people = try work.binary.run(["--db", "qa.db", "people", "--format", "csv"])
        #expect(people.stdout.contains("A,auditor"))
        #expect(!people.stdout.contains("B,auditor"))

        let piped = try work.binary.run(["--db", "p.db", "--bail"], input: "people add C --role auditor\nnope\npeople add D --role auditor\n")
        #expect(piped.status == 2, "the first failure was an unknown command")
        #expect(piped.stderr.contains("<stdin>:2: unknown command \"nope\""))
        let pipedPeople = try work.binary.run(["--db", "p.db", "people", "--format", "csv"])
        #expect(!pipedPeople.stdout.contains("D,auditor"))
    }

    @Test func pipedCommandsRunLikeAScript() throws {
        try create()
        let result = try work.binary.run(["--db", "qa.db"], input: "month 2026-10\nmonth\nstatus --format json\n")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("2026-10\n2026-10\n"))
        #expect(result.stdout.contains("\"month\": \"2026-10\""))
    }

    @Test func helpListsEveryCommandFromOneTable() throws {
        let result = try work.binary.run(["--db", "qa.db", "-c", "help"])
        for command in ["import", "frames", "frame", "people", "month", "status", "run", "quit"] {
            #expect(result.stdout.contains("\n  \(command)"), "help lists \(command)")
        }
        let one = try work.binary.run(["--db", "qa.db", "help", "import", "cases"])
        #expect(one.stdout.contains("--map-service"))
    }

    @Test func wrongArgumentsFailWithUsage() throws {
        let result = try work.binary.run(["--db", "qa.db", "people", "add", "X", "--role", "boss"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("boss"))
        let date = try work.binary.run(["--db", "qa.db", "import", "cases", "x.csv", "--as-of", "11/25/2026"])
        #expect(date.status == 2)  // a bad option value, refused before the command runs
        #expect(date.stderr.contains("--as-of 11/25/2026: write the date as YYYY-MM-DD (or DD/MM/YYYY)."))
    }

    @Test func noColourWhenOutputIsNotATerminal() throws {
        let result = try work.binary.run(["--db", "qa.db", "people"])
        #expect(!result.stdout.contains("\u{1B}["))
    }
}

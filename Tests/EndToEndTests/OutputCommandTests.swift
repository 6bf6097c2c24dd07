import Foundation
import Testing

/// Output as analysts' shells give it (issue 18, item 7; docs/shell.md, "Output"), through the
/// built binary: `--out FILE` on listings and reports, the shell's `output FILE` / `output`,
/// `format NAME` for listings given no `--format`, expanded display (`-x`, `expanded`), and
/// `sample --status`. On `AuditWorkspace`'s database (made with `init`): C1 and C4 drawn in 2026-11.
@Suite struct OutputCommandTests {
    let work = Workspace()
    static let lead = AuditWorkspace.lead

    init() throws {
        try AuditWorkspace.prepare(work)
    }

    func run(_ arguments: [String], input: String = "") throws -> AssayBinary.Result {
        try work.assay.run(["--db", "qa.db", "--as", Self.lead] + arguments, input: input)
    }

    func mode(_ name: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: work.file(name))[.posixPermissions] as? Int
    }

    func read(_ name: String) -> String? { try? String(contentsOfFile: work.file(name), encoding: .utf8) }

    @Test func outWritesAListingToAPrivateFileInsteadOfTheScreen() throws {
        let screen = try run(["sample", "2026-11", "--format", "csv"])
        try #require(screen.status == 0, "\(screen.stderr)")
        let filed = try run(["sample", "2026-11", "--format", "csv", "--out", "sample.csv"])
        #expect(filed.status == 0, "\(filed.stderr)")
        #expect(filed.stdout.isEmpty)
        #expect(read("sample.csv") == screen.stdout)
        #expect(try mode("sample.csv") == 0o600)
        // Replaced whole, not added to.
        #expect(try run(["people", "--format", "csv", "--out", "sample.csv"]).status == 0)
        #expect(read("sample.csv")?.hasPrefix("name,") == true, "\(read("sample.csv") ?? "")")
        #expect(read("sample.csv")?.contains("C1") == false)
        // - is standard output.
        let dash = try run(["sample", "2026-11", "--format", "csv", "--out", "-"])
        #expect(dash.stdout == screen.stdout)
    }

    @Test func aReportsFileEndsWithTheChainHeadAndATableFileHasNoWidthOrColour() throws {
        work.write("answers.yaml", AuditCommandTests.goodAnswers)
        try #require(try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "answers.yaml"]).status == 0)
        let result = try run(["report", "rates", "--month", "2026-11", "--out", "rates.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let text = try #require(read("rates.txt"))
        #expect(text.contains("Audit log head "), "\(text)")
        #expect(!text.contains("\u{1B}["))
        #expect(try mode("rates.txt") == 0o600)
    }

    @Test func outRefusesAFolderOrADeviceAndAFailedCommandWritesNothing() throws {
        try FileManager.default.createDirectory(atPath: work.file("folder"), withIntermediateDirectories: false)
        let folder = try run(["people", "--out", "folder"])
        #expect(folder.status != 0)
        #expect(folder.stderr.contains("folder is a folder; give a file name. Nothing was written."))
        let device = try run(["people", "--out", "/dev/null"])
        #expect(device.status != 0)
        #expect(device.stderr.contains("is a device, not a regular file"))
        let failed = try run(["sample", "2030-01", "--out", "nothing.txt"])
        #expect(failed.status != 0)
        #expect(!FileManager.default.fileExists(atPath: work.file("nothing.txt")))
        let empty = try run(["people", "--out", ""])
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("--out needs a file name"))
    }

    @Test func outputSendsLaterListingsToAFileUntilOutputAlone() throws {
        let result = try run(["-c", "output listings.txt", "-c", "frames", "-c", "people --format csv", "-c", "month",
                              "-c", "templates --out -", "-c", "output", "-c", "people --format json"])
        #expect(result.status == 0, "\(result.stderr)")
        let filed = try #require(read("listings.txt"))
        #expect(try mode("listings.txt") == 0o600)
        #expect(filed.contains("cases.csv"), "frames went to the file: \(filed)")
        #expect(filed.contains("name,role"), "people went to the file: \(filed)")
        #expect(!filed.contains("Listings and reports") && !filed.contains("\n2026-11\n"), "month and output stay on the screen: \(filed)")
        #expect(!filed.contains("Mini audit"), "--out - went to the screen")
        // What is not a listing (month, output's own words) and what comes after `output` stay on the screen.
        #expect(result.stdout.contains("Listings and reports now go to listings.txt"))
        #expect(result.stdout.contains("Mini audit"))
        #expect(result.stdout.contains("Listings and reports are back on the screen; listings.txt holds"))
        #expect(result.stdout.contains("\"name\""), "the people after `output` came to the screen")
        #expect(!result.stdout.contains("cases.csv"))
        // `output FILE` empties the file at once; a second sitting starts it afresh.
        let again = try run(["-c", "output listings.txt", "-c", "output"])
        #expect(again.status == 0)
        #expect(read("listings.txt") == "")
    }

    @Test func formatSetsTheFormatOfListingsThatGiveNone() throws {
        let result = try run(["-c", "format csv", "-c", "people", "-c", "people --format json", "-c", "sample 2026-11 --raw-csv",
                              "-c", "format", "-c", "format table", "-c", "people"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Listings are csv unless a command says --format"))
        #expect(out.contains("name,role"), "\(out)")
        #expect(out.contains("\"name\": "), "--format json still wins: \(out)")
        #expect(out.contains("case_id,team,locality"), "--raw-csv goes with the session's csv: \(out)")
        #expect(out.contains("Listings are table (`format NAME` changes it)."))
        #expect(out.contains("name  "), "back to a table: \(out)")
        // A script's format is its own session's: the next assay starts on table.
        #expect(try run(["people"]).stdout.hasPrefix("name  "))
        let bad = try run(["format", "xml"])
        #expect(bad.status != 0)
    }

    @Test func expandedShowsOneFieldALine() throws {
        let flag = try run(["sample", "2026-11", "-x"])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(flag.stdout.hasPrefix("-[ RECORD 1 ]"), "\(flag.stdout)")
        #expect(flag.stdout.contains("\ncase id   C1\n"), "\(flag.stdout)")
        #expect(flag.stdout.contains("-[ RECORD 2 ]"))
        #expect(try run(["sample", "2026-11", "--expanded"]).stdout == flag.stdout)

        let session = try run(["-c", "expanded on", "-c", "sample 2026-11", "-c", "expanded", "-c", "sample 2026-11", "-c", "expanded auto"])
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("Expanded display is on.\n-[ RECORD 1 ]"))
        #expect(session.stdout.contains("Expanded display is off.\ncase id  "), "\(session.stdout)")
        #expect(session.stdout.contains("Expanded display is auto."))

        let csv = try run(["sample", "2026-11", "-x", "--format", "csv"])
        #expect(csv.status != 0)
        #expect(csv.stderr.contains("--expanded (-x) goes with the table format, not csv."))
    }

    @Test func sampleStatusKeepsTheCasesAtOneStage() throws {
        func cases(_ status: String) throws -> [String] {
            let result = try run(["sample", "2026-11", "--status", status, "--format", "json"])
            try #require(result.status == 0, "\(status): \(result.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            return rows.compactMap { $0["case_id"] as? String }.sorted()
        }
        #expect(try cases("not-started") == ["C1", "C4"])
        #expect(try cases("submitted") == [])
        work.write("answers.yaml", AuditCommandTests.goodAnswers)
        try #require(try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "answers.yaml"]).status == 0)
        #expect(try cases("submitted") == ["C1"])
        #expect(try cases("not-started") == ["C4"])
        #expect(try cases("open") == ["C4"])
        #expect(try cases("in-progress") == [])
        try #require(try run(["audit", "amend", "1", "--reason", "The plan's grade is to be looked at again."]).status == 0)
        #expect(try cases("in-progress") == ["C1"])
        #expect(try cases("in progress") == ["C1"])
        #expect(try cases("in_progress") == ["C1"])
        #expect(try cases("open") == ["C1", "C4"])
        let bad = try run(["sample", "2026-11", "--status", "done"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("not-started") && bad.stderr.contains("in-progress"), "\(bad.stderr)")
    }

    /// At a terminal: tables fit its width (wrapped, or expanded when even that cannot fit),
    /// and a listing sent to a file says where it went.
    @Test func atATerminalTablesFitItsWidthAndFilesSayWhereTheListingWent() throws {
        var env = work.assay.environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        let pty = try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", Self.lead], environment: env, rows: 50, columns: 80)
        try pty.waitFor("assay(qa.db ")
        func enter(_ line: String) throws -> [String] {
            let mark = pty.mark
            pty.type(line + "\n")
            let shown = try pty.waitFor("assay(qa.db ", from: mark)
            return shown.replacingOccurrences(of: "\r", with: "").split(separator: "\n").dropFirst().dropLast().map(String.init)
        }
        // 91 columns wide at its widest: wrapped into 80, every value whole.
        let wrapped = try enter("sample 2026-11")
        #expect(wrapped.first?.hasPrefix("case id") == true, "\(wrapped)")
        #expect(wrapped.allSatisfy { $0.count <= 80 }, "\(wrapped)")
        #expect(!wrapped.joined().contains("…"))
        #expect(wrapped.contains { $0.hasPrefix("C1 ") } && wrapped.contains { $0.hasPrefix("C4 ") })
        try enter("month 2026-11")
        // The terminal's shell runs where the tests do: files are named by full path.
        let written = try enter("people --out \(work.file("people.txt"))")
        #expect(written.contains { $0.hasPrefix("Wrote \(work.file("people.txt")) (") }, "\(written)")
        try enter("output \(work.file("all.txt"))")
        let quiet = try enter("people")
        #expect(quiet.joined().contains("written to \(work.file("all.txt")); `output` alone brings"), "\(quiet)")
        #expect(!quiet.contains { $0.hasPrefix("Ana") })
        try enter("output")
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
        #expect(read("all.txt")?.contains("Ana") == true)
        #expect(read("people.txt") == read("all.txt"))
    }
}

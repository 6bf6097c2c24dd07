import Foundation
import Testing

/// `report html --out FILE` through the built binary, then the file rendered and printed
/// by headless Chromium: four teams (one named "Gamma & Delta"), six months of imported
/// history with domain grades, and the November draw audited. The rendered page must hold
/// a chart per team, the funnel plot, the p-chart, the heat map and every table; the
/// printed A4 PDF must name every team; and no case id may appear anywhere.
///
/// Chromium is not optional: without it the test fails and says to run Scripts/setup.
@Suite(.serialized) struct ReportHTMLTests {
    let work = Workspace()
    static let lead = "Lena Lead"
    static let teams = ["Alpha", "Beta", "Gamma & Delta", "Epsilon North"]

    init() throws {
        // The November register: six cases a team, ids that are easy to look for.
        var rows = ["case_id,team,locality,service"]
        for (t, team) in Self.teams.enumerated() {
            rows += (1...6).map { "CASE-\(t)\($0),\(team),\(t < 2 ? "Northmoor" : "Southdale"),front-door" }
        }
        work.write("cases.csv", rows.joined(separator: "\n") + "\n")
        work.write("mini.yaml", AuditWorkspace.template)
        // Six months of history, four audits a team a month, Beta worse than the rest.
        var past = ["month,case_id,team,locality,service,overall,auditor,domain_safety,domain_plan"]
        var n = 0
        for month in 5...10 {
            for (t, team) in Self.teams.enumerated() {
                for k in 0..<4 {
                    n += 1
                    let overall = t == 1 ? (k < 2 ? 4 : 3) : (k == 0 && month % 2 == 0 ? 4 : 2)
                    let locality = t < 2 ? "Northmoor" : "Southdale"
                    past.append("2026-\(String(format: "%02d", month)),PAST-\(n),\(team),\(locality),front-door,\(overall),Ann,\(overall),\(min(4, overall + k % 2))")
                }
            }
        }
        work.write("past.csv", past.joined(separator: "\n") + "\n")
        for command in [
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["template", "register", "mini.yaml"],
            ["import", "audits", "past.csv"],
            ["draw", "--month", "2026-11", "--per-stratum", "3", "--by", "team", "--seed", "html"],
        ] {
            let result = try run(command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let drawn = try JSONSerialization.jsonObject(with: Data(try run(["sample", "2026-11", "--format", "json"]).stdout.utf8))
        let cases = (drawn as? [[String: Any]] ?? []).compactMap { row -> (String, String)? in
            guard let id = row["case_id"] as? String, let team = row["team"] as? String else { return nil }
            return (id, team)
        }
        try #require(cases.count == 12)
        for (i, (id, team)) in cases.enumerated() {
            let grade = team == "Beta" ? "i" : (i % 4 == 0 ? "r" : "g")
            work.write("\(id).yaml", "answers:\n  risk: \(grade)\n  seen: yes\n  plan-quality: \(grade)\noverall: \(grade)\n")
            let result = try run(["audit", id, "--template", "mini", "--answers", "\(id).yaml"])
            try #require(result.status == 0, "\(id): \(result.stderr)")
        }
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        return try assay.run(["--db", "qa.db", "--as", Self.lead] + arguments)
    }

    @Test func writesAPrivateSelfContainedReportThatChromiumRendersAndPrints() throws {
        let result = try run(["report", "html", "--months", "12", "--out", "report.html"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote report.html ("))
        #expect(result.stdout.contains("the report for 2026-11 with 12 months (2025-12 to 2026-11), 108 audits, 4 teams."))
        #expect(result.stdout.contains("It holds: summary, 4 team charts, funnel plot, p-chart, domain heat map (2 domains), 5 tables."))
        #expect(result.stdout.contains("imported from before Assay (2026-05 to 2026-10)"))

        let path = work.file("report.html")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!html.contains("CASE-") && !html.contains("PAST-"), "the report is aggregate: no case id")
        #expect(!html.lowercased().contains("<script"))

        // Rendered by a real browser: the DOM it builds from the file.
        let chromium = try #require(Self.chromium(), "chromium is not installed: run Scripts/setup (it installs chromium and poppler-utils)")
        let profile = work.file("chromium-profile")
        let dom = try Self.tool(chromium, Self.chromiumFlags(profile) + ["--dump-dom", "file://" + path])
        try #require(dom.status == 0, "chromium --dump-dom failed: \(dom.stderr.suffix(2000))")
        let page = dom.stdout
        #expect(Self.count("<svg", in: page) == Self.teams.count + 3, "a chart per team, the funnel, the p-chart, the heat map")
        #expect(Self.count("class=\"chart team-chart\"", in: page) == Self.teams.count)
        for team in Self.teams {
            let escaped = team.replacingOccurrences(of: "&", with: "&amp;")
            #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart team-chart\"") && page.contains("data-team=\"\(escaped)\""), "\(team)")
        }
        for id in ["funnel-plot", "p-chart", "domain-heat-map"] {
            #expect(page.contains("id=\"\(id)\""), "chart \(id)")
        }
        for id in ["funnel-table", "p-chart-table", "domains-table", "rates-table", "trend-table"] {
            #expect(page.contains("<table id=\"\(id)\">"), "table \(id)")
        }
        #expect(!page.contains("CASE-") && !page.contains("PAST-"))

        // Printed: an A4 PDF whose text names every team.
        let pdf = work.file("report.pdf")
        let print = try Self.tool(chromium, Self.chromiumFlags(profile) + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + path])
        try #require(print.status == 0, "chromium --print-to-pdf failed: \(print.stderr.suffix(2000))")
        let bytes = try #require(FileManager.default.contents(atPath: pdf), "chromium wrote no PDF")
        #expect(bytes.starts(with: Array("%PDF".utf8)))
        guard let pdftotext = Self.executable("pdftotext") else {
            // poppler-utils is optional: Scripts/setup installs it; without it the PDF is
            // only checked to exist.
            FileHandle.standardError.write(Data("ReportHTMLTests: pdftotext not found (Scripts/setup installs poppler-utils); the PDF's text was not checked.\n".utf8))
            return
        }
        let text = try Self.tool(pdftotext, ["-layout", pdf, "-"])
        try #require(text.status == 0, "pdftotext: \(text.stderr)")
        let printed = text.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for team in Self.teams {
            #expect(printed.contains(team), "the printed report names \(team)")
        }
        for heading in ["Summary", "Teams month by month", "Funnel plot", "p-chart", "Domains", "Rates and direction of travel"] {
            #expect(printed.contains(heading), "\(heading)")
        }
        if let pdfinfo = Self.executable("pdfinfo") {
            let info = try Self.tool(pdfinfo, [pdf])
            #expect(info.stdout.contains("(A4)"), "printed on A4: \(info.stdout)")
            let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            #expect(pages >= 6, "each section starts a page: \(pages) pages")
        }
    }

    @Test func refusesAWindowWithoutAuditsAndWritesNothing() throws {
        let result = try run(["report", "html", "--month", "2024-01", "--months", "3", "--out", "empty.html"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no audits to report in 2023-11 to 2024-01"))
        #expect(!FileManager.default.fileExists(atPath: work.file("empty.html")))
        let missing = try run(["report", "html"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--out"))
    }

    // MARK: Tools

    static func chromiumFlags(_ profile: String) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile]
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// chromium (Debian's name) or chromium-browser on PATH.
    static func chromium() -> String? {
        executable("chromium") ?? executable("chromium-browser")
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map { "\($0)/\(name)" } + ["/usr/bin/\(name)"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool to completion (killed after `timeout` seconds), both pipes read as it runs.
    static func tool(_ path: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> AssayBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        while errThread.isExecuting || !errThread.isFinished { usleep(1000) }
        return AssayBinary.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                  stderr: String(decoding: errData, as: UTF8.self))
    }
}

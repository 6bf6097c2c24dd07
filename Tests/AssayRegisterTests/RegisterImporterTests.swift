import AssayCore
@testable import AssayRegister
import AssayStore
import Foundation
import GRDB
import Testing

@Suite struct RegisterImporterTests {
    let dir = TemporaryDirectory()
    let store: Store
    let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: lead)
    }

    func importText(_ text: String, _ options: RegisterImportOptions? = nil, name: String = "cases.csv") throws -> RegisterImportSummary {
        try RegisterImporter(store: store).importFile(dir.write(name, text), options: options ?? RegisterImportOptions(asOf: asOf))
    }

    func rejection(_ body: () throws -> Void) -> InputRejected? {
        do { try body() } catch let error as InputRejected { return error } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    func cases() throws -> [Row] {
        try store.read { try Row.fetchAll($0, sql: "SELECT case_id, team, locality, service, worker, opened, attributes FROM frame_case ORDER BY case_id") }
    }

    func tableCounts() throws -> [Int] {
        try store.read { db in
            try ["frame", "frame_case", "audit_log", "people"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")! }
        }
    }

    @Test func importsARegisterAsAFrame() throws {
        let summary = try importText("""
            Case ID,Team,Locality,Service,Worker,Opened
            C1,CP North,Northmoor,Child Protection,Ann Able,01/02/2024
            C2,"Children in Care, East",Eastbridge,child-in-care,,2023-05-06
            C3,CP North,Eastbridge,,Bo Bell,
            """)
        #expect(summary.rows == 3)
        #expect(summary.teams == 2)
        #expect(summary.localities == 2)
        let rows = try cases()
        #expect(rows[0]["case_id"] == "C1")
        #expect(rows[0]["service"] == "child-protection")
        #expect(rows[0]["opened"] == "2024-02-01")
        #expect(rows[1]["team"] == "Children in Care, East")
        #expect(rows[1]["worker"] as String? == nil)
        #expect(rows[2]["service"] as String? == nil)
        let frame = try store.frame(id: nil)
        #expect(frame.rowCount == 3)
        #expect(frame.asOf == "2026-11-01")
        #expect(frame.sourceName == "cases.csv")
        #expect(frame.importedBy == "Lena Lead")
        #expect(frame.sourceSHA256 == (try RegisterImporter.sha256(ofFileAt: dir.file("cases.csv"))))
    }

    @Test func everyStoredCaseIsInTheAuditLog() throws {
        let summary = try importText("case_id,team,locality\nA,T,L\nB,T,L\n")
        let logged = try store.read {
            try Int.fetchOne($0, sql: "SELECT sum(coalesce(row_count, 1)) FROM audit_log WHERE table_name = 'frame_case' AND operation = 'insert'")
        }
        #expect(logged == summary.rows)
    }

    @Test func theRowsDigestDependsOnWhatIsStoredNotTheFileOrder() throws {
        _ = try importText("case_id,team,locality\nA,T,L\nB,T,L\n", name: "one.csv")
        _ = try importText("case_id,team,locality,extra\nB,T,L,x\nA,T,L,y\n", name: "two.csv")
        let frames = try store.frames()
        #expect(frames[0].sourceSHA256 != frames[1].sourceSHA256)
        #expect(frames[0].rowsSHA256 == frames[1].rowsSHA256)
    }

    @Test func matchesHeadersIgnoringCaseSpacesAndUnderscores() throws {
        _ = try importText("CASE_ID,  TEAM ,Local ity\nA,T,L\n")
        #expect(try cases().map { $0["locality"] as String } == ["L"])
    }

    @Test func mapRenamesAColumnAndKeepStoresAnAttribute() throws {
        var options = RegisterImportOptions(asOf: asOf)
        options.columnMap = [("Ref", "case_id"), ("Area", "locality")]
        options.keep = ["Primary Need"]
        let summary = try importText("Ref,Team,Area,Primary Need,Child Name\nA,T,L,N1 Abuse or neglect,Zed\n", options)
        #expect(summary.keptColumns == ["Primary Need"])
        #expect(summary.droppedColumns == ["Child Name"])
        let row = try cases()[0]
        #expect(row["case_id"] == "A")
        #expect(row["attributes"] == #"{"Primary Need":"N1 Abuse or neglect"}"#)
        // The dropped column's values are nowhere in the database.
        let text = try store.read { try String.fetchAll($0, sql: "SELECT attributes FROM frame_case") }.joined()
        #expect(!text.contains("Zed"))
    }

    /// Keeping a column that looks like personal data needs --allow-personal-data, and the
    /// frame then records it (so it is in the audit log's digest of the frame row too).
    @Test func keepingPersonalDataNeedsTheFlagAndIsRecordedWithTheFrame() throws {
        let text = "case_id,team,locality,Surname,DOB\nA,T,L,Smith,2015-03-04\n"
        var options = RegisterImportOptions(asOf: asOf)
        options.keep = ["Surname", "DOB"]
        let before = try tableCounts()
        let refused = rejection { _ = try importText(text, options) }
        #expect(refused?.problems.map(\.line) == [1, 1])
        #expect(refused?.problems.first?.reason.hasPrefix("the column looks like personal data about a child or family (a name)") == true)
        #expect(refused?.problems.last?.reason.contains("(a date of birth)") == true)
        // What was asked and what would allow it are data, for the shell to word as options.
        #expect(refused?.problems.map(\.request) == [.keepColumn("Surname"), .keepColumn("DOB")])
        #expect(refused?.problems.map(\.remedy) == [.allowPersonalData, .allowPersonalData])
        #expect(try tableCounts() == before, "nothing stored")

        options.allowPersonalData = true
        let summary = try importText(text, options)
        #expect(summary.personalDataKept == ["Surname", "DOB"])
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT personal_data_kept FROM frame") } == #"["Surname","DOB"]"#)
        #expect(try store.verify().isIntact)
    }

    @Test func mapServiceReadsALocalName() throws {
        var options = RegisterImportOptions(asOf: asOf)
        options.serviceMap = [("Youth Offending", "early-help")]
        _ = try importText("case_id,team,locality,service\nA,T,L,YOUTH offending\n", options)
        #expect(try cases()[0]["service"] == "early-help")
    }

    @Test func rejectsAFileWithEveryProblemListedAndChangesNothing() throws {
        _ = try importText("case_id,team,locality\nZ,T,L\n", name: "earlier.csv")
        let before = try tableCounts()
        let bad: [UInt8] = Array("""
            case_id,team,locality,service,opened
            A,T,L,assessment,01/01/2026
            B,,L,assessment,01/01/2026
            A,T,L,assessment,01/01/2026
            C,T,L,Youth Justice,01/01/2026
            D,T,L,assessment,11/25/2025
            E,T,L,assessment,31/02/2025
            F,T,L,assessment
            G,T,L,assessment,02/11/2026
            H,
            """.utf8) + [10] + Array("I,T".utf8) + [0xC3, 0x28] + Array(",L,,\n".utf8)
        let rejected = rejection { _ = try RegisterImporter(store: store).importFile(dir.write("bad.csv", bad), options: RegisterImportOptions(asOf: asOf)) }
        let found = rejected?.problems.map { "\($0.line!) \($0.field ?? "-")" } ?? []
        #expect(found == ["3 team", "4 case_id", "5 service", "6 opened", "7 opened", "8 -", "9 opened", "10 -", "11 team"])
        #expect(rejected?.problems.first { $0.line == 4 }?.reason.contains("first on line 2") == true)
        #expect(rejected?.problems.first { $0.line == 9 }?.reason.contains("after the register's as-of date") == true)
        #expect(rejected?.problems.first { $0.line == 8 }?.reason == "expected 5 fields, found 4")
        #expect(rejected?.problems.first { $0.line == 11 }?.reason.contains("invalid UTF-8") == true)
        #expect(try tableCounts() == before)
    }

    @Test func listsTheFirstTwentyProblemsAndCountsTheRest() throws {
        var text = "case_id,team,locality\n"
        for i in 0..<30 { text += "C\(i),,L\n" }
        let rejected = rejection { _ = try importText(text) }
        #expect(rejected?.problems.count == 30)
        #expect(rejected?.message.contains("… and 10 more") == true)
    }

    @Test func rejectsAHeaderWithoutRequiredFields() throws {
        let rejected = rejection { _ = try importText("Ref,Team\nA,T\n") }
        #expect(rejected?.problems.map(\.field) == ["case_id", "locality"])
        #expect(rejected?.problems.allSatisfy { $0.line == 1 } == true)
        #expect(rejected?.problems.map(\.remedy) == [.mapColumn(nil, toField: "case_id"), .mapColumn(nil, toField: "locality")])
    }

    @Test func rejectsEmptyFilesAndHeaderOnlyFiles() throws {
        #expect(rejection { _ = try importText("") } != nil)
        #expect(rejection { _ = try importText("case_id,team,locality\n") } != nil)
        #expect(try store.frames().isEmpty)
    }

    @Test func refusesTheSameFileTwiceForTheSameDate() throws {
        _ = try importText("case_id,team,locality\nA,T,L\n")
        #expect(throws: RegisterError.self) { _ = try importText("case_id,team,locality\nA,T,L\n") }
        var later = RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 11, day: 2)!)
        later.allowSameContent = true
        _ = try importText("case_id,team,locality\nA,T,L\n", later)
        #expect(try store.frames().count == 2)
        #expect(throws: RegisterError.self, "the same date is a duplicate even when asked") { _ = try importText("case_id,team,locality\nA,T,L\n", later) }
    }

    /// Last month's export given again under this month's date would make a frame that
    /// looks new and describes last month's cases: refused unless asked for.
    @Test func refusesLastMonthsFileUnderANewDateUnlessAskedFor() throws {
        _ = try importText("case_id,team,locality\nA,T,L\n")
        let december = RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 12, day: 1)!)
        do {
            _ = try importText("case_id,team,locality\nA,T,L\n", december, name: "register-december.csv")
            Issue.record("imported last month's content as a new frame")
        } catch let failure as RegisterError {
            #expect(failure.description.contains("already imported as frame 1, as of 2026-11-01"), "\(failure.description)")
            guard case .alreadyImported(_, 1, "2026-11-01", _, _, false, _) = failure else {
                Issue.record("not asked for as meant: \(failure)"); return
            }
        }
        #expect(try store.frames().count == 1)
        _ = try importText("case_id,team,locality\nA,T,L\nB,T,L\n", december)
        #expect(try store.frames().count == 2, "a new export with different content imports")
    }

    @Test func onlyALeadImports() throws {
        try store.addPerson(name: "Sam", role: .auditor, team: nil)
        let sam = try Store(path: dir.file("a.db"), identity: Identity(name: "Sam", osLogin: "sam"))
        #expect(throws: StoreError.roleRefused(action: "import a case register", allowed: [.lead], name: "Sam", role: .auditor)) {
            _ = try RegisterImporter(store: sam).importFile(dir.write("x.csv", "case_id,team,locality\nA,T,L\n"), options: RegisterImportOptions(asOf: asOf))
        }
    }

    @Test func importsOneHundredThousandRowsInOneGo() throws {
        var text = "case_id,team,locality,service,opened\n"
        text.reserveCapacity(5_000_000)
        for i in 0..<100_000 { text += "C\(i),Team \(i % 40),Area \(i % 6),child-in-need,01/01/2025\n" }
        let summary = try importText(text)
        #expect(summary.rows == 100_000)
        #expect(summary.teams == 40)
        #expect(try store.stratumCounts(frameID: summary.frameID).map(\.cases).reduce(0, +) == 100_000)
    }
}

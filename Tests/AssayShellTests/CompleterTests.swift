import AssayCore
import Foundation
@testable import AssayShell
import Testing

@Suite struct CompleterTests {
    let completer = Completer(catalog: .shared, values: Completer.Values(
        teams: { ["CP North", "CP South", "Children in Care", "Assessment North"] },
        localities: { ["Northmoor", "Eastbridge"] },
        caseIDs: { ["CS000009", "CS000003", "CS000001", "CS000002"] },  // the user's own first
        months: { ["2026-11", "2026-12", "2026-10"] },
        auditIDs: { ["12", "3", "14"] },
        people: { ["Ash Auditor", "Indy Independent", "Lena Lead"] },
        templates: { ["cp-core", "cic-core"] },
        sections: { ["risk", "voice", "oversight"] },
        questions: { ["risk-1", "voice-1"] },
        drawFields: { ["team", "locality", "service", "worker", "Primary Need"] }))

    @Test func completesCommandNames() {
        #expect(completer.complete(before: "", word: "fr") == .words(["frame", "frames"]))
        #expect(completer.complete(before: "", word: "pe") == .words(["people"]))
        #expect(completer.complete(before: "--db x.db ", word: "sta") == .words(["status"]))
    }

    @Test func completesSubcommandNames() {
        #expect(completer.complete(before: "people ", word: "a") == .words(["add"]))
        #expect(completer.complete(before: "import ", word: "") == .words(["audits", "cases"]))
        #expect(completer.complete(before: "import audits ", word: "x") == .files)
        #expect(completer.complete(before: "report ", word: "ra") == .words(["rates"]))
    }

    @Test func completesOptionsOfTheCommandBeingTyped() {
        guard case .words(let options) = completer.complete(before: "import cases x.csv ", word: "--") else {
            Issue.record("expected words"); return
        }
        #expect(options.contains("--as-of"))
        #expect(options.contains("--map-service"))
        #expect(!options.contains("--role"))
        guard case .words(let auditOptions) = completer.complete(before: "audit CS000001 ", word: "--") else {
            Issue.record("expected words"); return
        }
        #expect(auditOptions.contains("--answers"))
        #expect(auditOptions.contains("--unsampled"))
    }

    @Test func completesTeamNamesFromTheDatabase() {
        #expect(completer.complete(before: "people add Sam --role auditor --team ", word: "CP") == .words(["CP North", "CP South"]))
        #expect(completer.complete(before: "report team ", word: "Ass") == .words(["Assessment North"]))
        #expect(completer.complete(before: "audits --team ", word: "Ch") == .words(["Children in Care"]))
        // Inside an open quote the word starts after the quote.
        #expect(completer.complete(before: "report team \"", word: "Ass") == .words(["Assessment North"]))
        #expect(completer.complete(before: "report evidence --team '", word: "CP S") == .words(["CP South"]))
    }

    @Test func completesCaseIDsTheUsersOwnFirst() {
        #expect(completer.complete(before: "history ", word: "") == .ranked(["CS000009", "CS000003", "CS000001", "CS000002"]))
        #expect(completer.complete(before: "history ", word: "CS00000") == .ranked(["CS000009", "CS000003", "CS000001", "CS000002"]))
        #expect(completer.complete(before: "audit ", word: "CS") == .ranked(["CS000009", "CS000003", "CS000001", "CS000002"]))
        #expect(completer.complete(before: "audit case ", word: "CS0000") == .ranked(["CS000009", "CS000003", "CS000001", "CS000002"]))
    }

    @Test func auditOffersCaseIDsAndAmendButNeverTheInternalCaseWord() {
        guard case .ranked(let offered) = completer.complete(before: "audit ", word: "") else {
            Issue.record("expected ranked words"); return
        }
        #expect(offered == ["amend", "CS000009", "CS000003", "CS000001", "CS000002"])
        #expect(!offered.contains("case"))
        #expect(completer.complete(before: "audit ", word: "a") == .ranked(["amend"]))
        #expect(completer.complete(before: "help audit ", word: "") == .words(["amend"]))
    }

    @Test func completesAuditIDs() {
        #expect(completer.complete(before: "audits show ", word: "1") == .ranked(["12", "14"]))
        #expect(completer.complete(before: "audit amend ", word: "") == .ranked(["12", "3", "14"]))
        #expect(completer.complete(before: "history --audit ", word: "") == .ranked(["12", "3", "14"]))
        #expect(completer.complete(before: "action add ", word: "3") == .ranked(["3"]))
        #expect(completer.complete(before: "moderate audit ", word: "1") == .ranked(["12", "14"]))
        #expect(completer.complete(before: "challenge raise ", word: "14") == .ranked(["14"]))
    }

    @Test func completesMonths() {
        #expect(completer.complete(before: "month ", word: "2026-1") == .ranked(["2026-11", "2026-12", "2026-10"]))
        #expect(completer.complete(before: "audits --month ", word: "2026-12") == .ranked(["2026-12"]))
        #expect(completer.complete(before: "report rates --from ", word: "2026-10") == .ranked(["2026-10"]))
        #expect(completer.complete(before: "sample ", word: "2026-1") == .ranked(["2026-11", "2026-12", "2026-10"]))
        #expect(completer.complete(before: "draw show ", word: "2026-11") == .ranked(["2026-11"]))
        #expect(completer.complete(before: "assign ", word: "2026-10") == .ranked(["2026-10"]))
        #expect(completer.complete(before: "report rates --month=", word: "2026-1") == .ranked(["2026-11", "2026-12", "2026-10"]))
    }

    @Test func completesFieldsAfterBy() {
        #expect(completer.complete(before: "report rates --by ", word: "") == .words(["locality", "service", "team"]))
        #expect(completer.complete(before: "report trend --by ", word: "lo") == .words(["locality"]))
        #expect(completer.complete(before: "report rates --by ", word: "team,") == .words(["team,locality", "team,service"]))
        #expect(completer.complete(before: "report funnel --by ", word: "") == .words(["locality", "team"]))
        #expect(completer.complete(before: "report agreement --by ", word: "") == .words(["auditor"]))
        #expect(completer.complete(before: "draw --month 2026-12 --by ", word: "P") == .words(["Primary Need"]))
        #expect(completer.complete(before: "plan --detect 0.25,0.15 --by ", word: "s") == .words(["service"]))
    }

    @Test func completesPeople() {
        #expect(completer.complete(before: "sample --auditor ", word: "A") == .words(["Ash Auditor"]))
        #expect(completer.complete(before: "audits --auditor ", word: "") == .words(["Ash Auditor", "Indy Independent", "Lena Lead"]))
        #expect(completer.complete(before: "assign 2026-11 --auditors ", word: "I") == .words(["Indy Independent"]))
        // A comma list completes its last name, and does not offer a name twice.
        #expect(completer.complete(before: "assign 2026-11 --auditors \"", word: "Ash Auditor,") == .words(["Ash Auditor,Indy Independent", "Ash Auditor,Lena Lead"]))
        #expect(completer.complete(before: "challenge raise 3 --question risk-1 --comment x --by ", word: "L") == .words(["Lena Lead"]))
        #expect(completer.complete(before: "actions --owner ", word: "Ind") == .words(["Indy Independent"]))
        // people login NAME LOGIN: the person, then a login (nothing offered).
        #expect(completer.complete(before: "people login ", word: "L") == .words(["Lena Lead"]))
        #expect(completer.complete(before: "people login \"Lena Lead\" ", word: "") == .words([]))
    }

    @Test func completesTemplatesSectionsAndQuestions() {
        #expect(completer.complete(before: "template show ", word: "c") == .words(["cic-core", "cp-core"]))
        #expect(completer.complete(before: "audit CS000001 --template ", word: "cp") == .words(["cp-core"]))
        #expect(completer.complete(before: "report evidence --domain ", word: "") == .words(["oversight", "risk", "voice"]))
        #expect(completer.complete(before: "redact 3 --question ", word: "ri") == .words(["risk-1"]))
    }

    @Test func completesStatusesOutcomesAndSettings() {
        #expect(completer.complete(before: "audits --status ", word: "") == .words(["in_progress", "submitted"]))
        #expect(completer.complete(before: "actions --status ", word: "") == .words(["cancelled", "done", "open"]))
        #expect(completer.complete(before: "challenge resolve 2 --outcome ", word: "p") == .words(["partly-accepted"]))
        #expect(completer.complete(before: "settings set ", word: "") == .words(["due-days", "stale-days"]))
        #expect(completer.complete(before: "settings set due-days ", word: "") == .words([]))
    }

    @Test func completesFixedChoicesFromTheGrammar() {
        #expect(completer.complete(before: "people add Sam --role ", word: "") == .words(["auditor", "lead", "moderator"]))
        #expect(completer.complete(before: "frames --format ", word: "j") == .words(["json"]))
        #expect(completer.complete(before: "people --format ", word: "c") == .words(["csv"]))  // `people list`, the default
        #expect(completer.complete(before: "people ", word: "--f") == .words(["--format"]))
    }

    @Test func completesFileNamesForFiles() {
        #expect(completer.complete(before: "import cases ", word: "Sam") == .files)
        #expect(completer.complete(before: "run ", word: "") == .files)
        #expect(completer.complete(before: "report html --out ", word: "") == .files)
        #expect(completer.complete(before: "audit CS000001 --answers ", word: "") == .files)
    }

    @Test func completesCommandNamesAfterHelp() {
        #expect(completer.complete(before: "help ", word: "im") == .words(["import"]))
        #expect(completer.complete(before: "help report ", word: "t") == .words(["team", "trend"]))
    }

    @Test func neverOffersAHiddenCommand() {
        for before in ["", "audit ", "help ", "help audit ", "report ", "people ", "settings "] {
            let names: [String]
            switch completer.complete(before: before, word: "") {
            case .words(let w), .ranked(let w): names = w
            case .files: names = []
            }
            #expect(!names.contains("case"), "\(before)")
        }
    }
}

/// Completion reads only a database the session already has open: with none open it
/// offers nothing from a database and creates no file.
@Suite struct CompletionDatabaseTests {
    @Test func completionWithNoOpenStoreCreatesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("qa.db").path
        let session = Session(databasePath: path, identity: Identity(name: "Ash Auditor", osLogin: "ash"), isInteractive: true)
        let completer = Completer(catalog: .shared, values: ReadlineSource.databaseValues(session))
        #expect(completer.complete(before: "audit ", word: "") == .ranked(["amend"]))  // the grammar's word, no case ids
        #expect(completer.complete(before: "history ", word: "") == .ranked([]))
        #expect(completer.complete(before: "audits show ", word: "") == .ranked([]))
        for before in ["report team ", "audits --auditor ", "template show ", "report evidence --domain "] {
            #expect(completer.complete(before: before, word: "") == .words([]), "\(before)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

@testable import AssayShell
import Testing

@Suite struct CompleterTests {
    let completer = Completer(catalog: .shared, values: Completer.Values(
        teams: { ["CP North", "CP South", "Children in Care"] },
        localities: { ["Northmoor", "Eastbridge"] },
        caseIDs: { ["CS000001", "CS000002"] },
        months: { ["2026-11", "2026-10"] }))

    @Test func completesCommandNames() {
        #expect(completer.complete(before: "", word: "fr") == .words(["frame", "frames"]))
        #expect(completer.complete(before: "", word: "pe") == .words(["people"]))
        #expect(completer.complete(before: "--db x.db ", word: "sta") == .words(["status"]))
    }

    @Test func completesSubcommandNames() {
        #expect(completer.complete(before: "people ", word: "a") == .words(["add"]))
        #expect(completer.complete(before: "import ", word: "") == .words(["audits", "cases"]))
        #expect(completer.complete(before: "import audits ", word: "x") == .files)
    }

    @Test func completesOptionsOfTheCommandBeingTyped() {
        guard case .words(let options) = completer.complete(before: "import cases x.csv ", word: "--") else {
            Issue.record("expected words"); return
        }
        #expect(options.contains("--as-of"))
        #expect(options.contains("--map-service"))
        #expect(!options.contains("--role"))
    }

    @Test func completesTeamNamesFromTheDatabase() {
        #expect(completer.complete(before: "people add Sam --role auditor --team ", word: "CP") == .words(["CP North", "CP South"]))
    }

    @Test func completesFixedChoicesFromTheGrammar() {
        #expect(completer.complete(before: "people add Sam --role ", word: "") == .words(["auditor", "lead", "moderator"]))
        #expect(completer.complete(before: "frames --format ", word: "j") == .words(["json"]))
    }

    @Test func completesFileNamesForFiles() {
        #expect(completer.complete(before: "import cases ", word: "Sam") == .files)
        #expect(completer.complete(before: "run ", word: "") == .files)
    }

    @Test func completesCommandNamesAfterHelp() {
        #expect(completer.complete(before: "help ", word: "im") == .words(["import"]))
    }
}

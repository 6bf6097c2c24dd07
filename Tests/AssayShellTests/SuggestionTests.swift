import AssayCore
@testable import AssayShell
import Testing

/// "Did you mean" and the other messages that name the fix, worked out from the grammar
/// and from the database's names (here given directly).
@Suite struct SuggestionTests {
    let diagnosis = ParseDiagnosis(catalog: .shared) { ["Assessment North", "CP North"] }

    @Test func suggestionsAreNearWordsSaidAsTyped() {
        #expect(DidYouMean.suggestions(for: "reprot", among: ["report", "reports", "import", "people"]) == ["report", "reports"])
        #expect(DidYouMean.sentence(["report"]) == "Did you mean report?")
        #expect(DidYouMean.sentence(["rates", "trend"]) == "Did you mean rates or trend?")
        #expect(DidYouMean.sentence(["Ash Auditor"]) == "Did you mean \"Ash Auditor\"?")
        #expect(DidYouMean.sentence(for: "zzzzzz", among: ["report"]) == nil)
        #expect(DidYouMean.suggestions(for: "report", among: ["report"]).isEmpty)
    }

    @Test func unknownCommandsNameTheNearCommand() {
        #expect(ParseDiagnosis.unknownCommand("reprot") == "unknown command \"reprot\". Did you mean report?")
        #expect(ParseDiagnosis.unknownCommand("frobnicate") == "unknown command \"frobnicate\"; type help for the list of commands.")
        #expect(ParseDiagnosis.unknownCommand("quti") == "unknown command \"quti\". Did you mean quit?")
    }

    @Test func subcommandsOptionsAndChoices() {
        #expect(diagnosis.explain(["report", "rate"]) == "report rate: no such command. Did you mean report rates?")
        #expect(diagnosis.explain(["report", "zzz"])?.hasPrefix("report zzz: no such command; report takes rates, trend,") == true)
        #expect(diagnosis.explain(["report", "rates", "--bye", "team"]) == "report rates: no option --bye. Did you mean --by?")
        #expect(diagnosis.explain(["report", "rates", "--mnth=2026-11"]) == "report rates: no option --mnth. Did you mean --month?")
        #expect(diagnosis.explain(["people", "add", "Sam", "--role", "audtor"]) == "--role audtor: write auditor, moderator or lead. Did you mean auditor?")
        #expect(diagnosis.explain(["people", "--format", "jsno"]) == "--format jsno: write table, csv, json or markdown. Did you mean json?")
        #expect(diagnosis.explain(["people", "ad", "Sam"]) == "people ad: no such command. Did you mean people add?")
        #expect(diagnosis.explain(["frames", "--format=jsno"]) == "--format jsno: write table, csv, json or markdown. Did you mean json?")
        // `audit CASE_ID` is the hidden `audit case`; its options are found through the default.
        #expect(diagnosis.explain(["audit", "CS1", "--answer", "x.yaml"]) == "audit: no option --answer. Did you mean --answers?")
    }

    @Test func aMultiWordNameTypedWithoutQuotesIsToldToQuote() {
        #expect(diagnosis.explain(["report", "team", "assessment", "north"])
                == "report team: \"north\" is one word too many. A name with spaces goes in quotes: report team \"Assessment North\"")
        #expect(diagnosis.explain(["people", "add", "Cy", "Dee", "--role", "auditor"])
                == "people add: \"Dee\" is one word too many. A name with spaces goes in quotes: people add \"Cy Dee\" --role auditor")
        #expect(diagnosis.explain(["audits", "--team", "cp", "north", "--month", "2026-11"])
                == "audits: \"north\" is one word too many. A name with spaces goes in quotes: audits --team \"CP North\" --month 2026-11")
        #expect(diagnosis.explain(["challenge", "raise", "3", "--comment", "not", "fair"])
                == "challenge raise: \"fair\" is one word too many. A name with spaces goes in quotes: challenge raise 3 --comment \"not fair\"")
    }

    @Test func peopleAndTeamsNearAKnownName() {
        let check = NameCheck(catalog: .shared) { kind in
            kind == .person ? ["Ash Auditor", "Lena Lead"] : ["Assessment North", "CP North"]
        }
        #expect(check.problem(in: ["sample", "--auditor", "Ash Auditer"])?.message
                == "--auditor \"Ash Auditer\": not one of this database's people. Did you mean \"Ash Auditor\"?")
        #expect(check.problem(in: ["sample", "--auditor", "Ash Auditer"])?.exitStatus == .notFound)
        #expect(check.problem(in: ["assign", "2026-11", "--auditors", "Ash Auditor,Lena Laed"])?.message
                == "--auditors \"Lena Laed\": not one of this database's people. Did you mean \"Lena Lead\"?")
        #expect(check.problem(in: ["report", "team", "Assesment North"])?.message
                == "report team \"Assesment North\": no such team. Did you mean \"Assessment North\"?")
        #expect(check.problem(in: ["audits", "--team", "CP Nroth"])?.message == "--team \"CP Nroth\": no such team. Did you mean \"CP North\"?")
        // The next word completes a known name: `sample --auditor Ash Auditor` read Auditor as the month.
        #expect(check.problem(in: ["sample", "--auditor", "Ash", "Auditor"])?.message
                == "\"Auditor\" is one word too many. A name with spaces goes in quotes: sample --auditor \"Ash Auditor\"")
        // Known names (any case), and names near nothing, are left to the command.
        #expect(check.problem(in: ["audits", "--team", "cp north"]) == nil)
        #expect(check.problem(in: ["audits", "--auditor", "Somebody Else Entirely"]) == nil)
        #expect(check.problem(in: ["people", "add", "Bo", "--role", "auditor", "--team", "CP Nort"]) == nil)
    }

    @Test func helpForAnUnknownCommandIsAnErrorWithSuggestions() {
        let session = Session(databasePath: "/nonexistent/x.db", identity: Identity(name: "A", osLogin: "a"), isInteractive: false)
        #expect(ShellHelp.answer(["reprot"], session: session) == .unknown("help reprot: no command \"reprot\". Did you mean help report?"))
        #expect(ShellHelp.answer(["report", "rate"], session: session)
                == .unknown("help report rate: report has no command \"rate\". Did you mean help report rates?"))
        #expect(ShellHelp.answer(["zzzzzz"], session: session) == .unknown("help zzzzzz: no command \"zzzzzz\". Type help for the list of commands."))
        #expect(ShellHelp.answer(["report", "rates"], session: session) == nil)  // ArgumentParser's help for it
        #expect(ShellHelp.answer(["audit", "amend"], session: session) == nil)
    }

    @Test func psqlAndSqliteWordsMeanQuitAndHelp() {
        #expect(MetaCommands.words(for: "\\q") == ["quit"])
        #expect(MetaCommands.words(for: " .quit ") == ["quit"])
        #expect(MetaCommands.words(for: "?") == ["help"])
        #expect(MetaCommands.words(for: "\\?") == ["help"])
        #expect(MetaCommands.words(for: "quit") == nil)
    }
}

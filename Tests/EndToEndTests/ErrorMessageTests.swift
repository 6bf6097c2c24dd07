import Foundation
import Testing

/// Errors that name the fix, through the built binary as a script or the operating system's
/// shell sees them: the message on standard error, the usage status (2) or not found (4),
/// and nothing run.
@Suite struct ErrorMessageTests {
    let work = Workspace()

    init() throws {
        try ShellWorkspace.prepare(work)
    }

    func fails(_ arguments: [String], saying message: String, status: Int32 = 2, as user: String = ShellWorkspace.lead) throws {
        let result = try ShellWorkspace.run(work, as: user, arguments)
        #expect(result.stderr == message + "\n", "\(arguments)")
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
    }

    @Test func commandsSubcommandsOptionsAndChoicesSayWhatWasMeant() throws {
        try fails(["reprot", "rates"], saying: "unknown command \"reprot\". Did you mean report?")
        try fails(["frobnicate"], saying: "unknown command \"frobnicate\"; type help for the list of commands.")
        try fails(["report", "rate"], saying: "report rate: no such command. Did you mean report rates?")
        try fails(["people", "ad", "Sam"], saying: "people ad: no such command. Did you mean people add?")
        try fails(["report", "rates", "--bye", "team"], saying: "report rates: no option --bye. Did you mean --by?")
        try fails(["audits", "--frobnicate"], saying: "audits: no option --frobnicate; assay help audits lists its options.")
        try fails(["people", "add", "Sam", "--role", "audtor"], saying: "--role audtor: write auditor, moderator or lead. Did you mean auditor?")
        try fails(["frames", "--format", "jsno"], saying: "--format jsno: write table, csv, json or markdown. Did you mean json?")
    }

    /// Choices a command checks itself say what was meant too.
    @Test func fieldsStatusesOutcomesAndSettingsSayWhatWasMeant() throws {
        try fails(["report", "rates", "--by", "tem"],
                  saying: "--by tem: \"tem\" is not a field to group by (team, locality, service, or two joined by a comma). Did you mean team?")
        try fails(["report", "rates", "--by", "team,localty"],
                  saying: "--by team,localty: \"localty\" is not a field to group by (team, locality, service, or two joined by a comma). Did you mean locality?")
        try fails(["audits", "--status", "submited"], saying: "--status submited: write in_progress or submitted. Did you mean submitted?")
        try fails(["actions", "--status", "opne"], saying: "--status opne: write open, done or cancelled. Did you mean open?")
        try fails(["challenge", "resolve", "1", "--outcome", "acepted", "--reason", "x"],
                  saying: "--outcome acepted: write accepted, partly-accepted or rejected. Did you mean accepted?")
        try fails(["plan", "--detect", "0.25,0.15", "--by", "servce"], saying: "--by servce: plan groups by team, locality or service. Did you mean service?")
        try fails(["draw", "--month", "2026-12", "--size", "2", "--by", "tema", "--dry-run"],
                  saying: "--by: tema is not a register field or a kept attribute of frame 1 (choose from: locality, service, team, worker). Did you mean team?")
        try fails(["settings", "set", "due-dayz", "3"], saying: "There is no setting \"due-dayz\"; the settings are due-days, stale-days. Did you mean due-days?")
    }

    @Test func peopleAndTeamsSayWhoOrWhichWasMeant() throws {
        try fails(["audits", "--auditor", "Ash Auditer"],
                  saying: "--auditor \"Ash Auditer\": not one of this database's people. Did you mean \"Ash Auditor\"?", status: 4)
        try fails(["assign", "2026-11", "--auditors", "Ash Auditor,Indy Indepedent"],
                  saying: "--auditors \"Indy Indepedent\": not one of this database's people. Did you mean \"Indy Independent\"?", status: 4)
        try fails(["report", "team", "Assesment North"],
                  saying: "report team \"Assesment North\": no such team. Did you mean \"Assessment North\"?", status: 4)
        try fails(["actions", "--team", "CP Nroth"], saying: "--team \"CP Nroth\": no such team. Did you mean \"CP North\"?", status: 4)
        // Assigned to nobody by the refused command: Ash keeps all three.
        #expect(try ShellWorkspace.ashsCases(work).count == 3)
    }

    /// A slip in `--as` is named too, where the refusal says the user is nobody.
    @Test func aMistypedUserIsAskedWhoTheyMeant() throws {
        try fails(["draw", "--month", "2026-12", "--size", "2"], saying: """
            Only a lead may draw a sample; Lena Laed is not one of this database's people. Did you mean --as "Lena Lead"? \
            A lead can add them: people add "Lena Laed" --role ROLE
            """, status: 3, as: "Lena Laed")
    }

    @Test func aNameWithSpacesTypedWithoutQuotesIsToldToQuote() throws {
        try fails(["report", "team", "assessment", "north"],
                  saying: "report team: \"north\" is one word too many. A name with spaces goes in quotes: report team \"Assessment North\"")
        try fails(["audits", "--team", "children", "in", "care", "west"],
                  saying: "audits: \"in\" is one word too many. A name with spaces goes in quotes: audits --team \"Children in Care West\"")
        try fails(["sample", "--auditor", "Ash", "Auditor"],
                  saying: "\"Auditor\" is one word too many. A name with spaces goes in quotes: sample --auditor \"Ash Auditor\"")
        try fails(["people", "add", "Sam", "Smith", "--role", "auditor"],
                  saying: "people add: \"Smith\" is one word too many. A name with spaces goes in quotes: people add \"Sam Smith\" --role auditor")
        let people = try ShellWorkspace.run(work, as: ShellWorkspace.lead, ["people", "--format", "csv"])
        #expect(!people.stdout.contains("Sam"))
    }

    /// Every command that reads a month says exactly what is wrong with one.
    @Test func monthsSayExactlyWhatIsWrong() throws {
        try fails(["month", "2026-13"], saying: "month 2026-13: there is no month 13; months run from 01 to 12.")
        try fails(["sample", "2026-1"], saying: "sample 2026-1: write the month with two digits: 2026-01.")
        try fails(["audits", "--month", "11/2026"], saying: "--month 11/2026: write the year first, with a hyphen: 2026-11.")
        try fails(["report", "rates", "--from", "2026-00", "--to", "2026-11"], saying: "--from 2026-00: there is no month 00; months run from 01 to 12.")
        try fails(["report", "trend", "--to", "2026-11-30"], saying: "--to 2026-11-30: that is a date; a month is written YYYY-MM: 2026-11.")
        try fails(["assign", "Nov 2026", "--auditors", "Ash Auditor"], saying: "assign Nov 2026: write it as YYYY-MM: 2026-11.")
        try fails(["draw", "--month", "2026-13", "--size", "2"], saying: "--month 2026-13: there is no month 13; months run from 01 to 12.")
        try fails(["progress", "2026-13"], saying: "progress 2026-13: there is no month 13; months run from 01 to 12.")
        try fails(["export", "evidence-pack", "2026-11", "2026-13", "--out", "pack"],
                  saying: "export evidence-pack 2026-13: there is no month 13; months run from 01 to 12.")
    }

    @Test func helpForAnUnknownCommandIsAnError() throws {
        try fails(["help", "reprot"], saying: "help reprot: no command \"reprot\". Did you mean help report?")
        try fails(["help", "report", "rate"], saying: "help report rate: report has no command \"rate\". Did you mean help report rates?")
        let known = try ShellWorkspace.run(work, as: ShellWorkspace.lead, ["help", "report", "rates"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("--by <field>"))
        // The grammar's hidden `audit case` is not offered by help either.
        let audit = try ShellWorkspace.run(work, as: ShellWorkspace.lead, ["help", "audit"])
        #expect(audit.stdout.contains("amend"))
        #expect(!audit.stdout.contains("  case "), "\(audit.stdout)")
    }

    @Test func versionIsPrinted() throws {
        let result = try work.assay.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    /// Scripts read `\q` and `.quit` as quit too: nothing after them runs.
    @Test func aScriptStopsAtBackslashQ() throws {
        let result = try ShellWorkspace.assay(work).run(["--db", "qa.db", "--as", ShellWorkspace.lead], input: "month 2026-03\n\\q\nmonth 2026-04\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2026-03\n")
    }
}

import AssayCore
import Foundation
import Testing

@Suite struct ServiceTests {
    @Test(arguments: [
        ("Child in Need", Service.childInNeed), ("child-in-need", .childInNeed), ("CHILD_IN_NEED", .childInNeed),
        ("childinneed", .childInNeed), ("Front door", .frontDoor), ("care leaver", .careLeaver),
        ("Disabled-Children", .disabledChildren), ("early_help", .earlyHelp), ("Child protection", .childProtection),
    ])
    func foldsSpellingsToOneCode(_ text: String, _ expected: Service) {
        #expect(Service(matching: text) == expected)
    }

    @Test func refusesUnknownServices() {
        #expect(Service(matching: "Youth Justice") == nil)
        #expect(Service(matching: "") == nil)
    }

    @Test func hasEightCodes() {
        #expect(Service.allCases.map(\.code) == ["front-door", "assessment", "child-in-need", "child-protection",
                                               "child-in-care", "care-leaver", "disabled-children", "early-help"])
    }
}

@Suite struct GradeTests {
    @Test func numbersAsOfstedDoes() {
        #expect(Grade.outstanding.rawValue == 1)
        #expect(Grade.inadequate.rawValue == 4)
        #expect(Grade.good < Grade.inadequate)  // lower is better
    }

    @Test(arguments: [("i", Grade.inadequate), ("4", .inadequate), ("Inadequate", .inadequate),
                      ("r", .requiresImprovement), ("requires improvement", .requiresImprovement),
                      ("Requires-Improvement", .requiresImprovement), ("g", .good), ("1", .outstanding)])
    func readsKeysNamesAndNumbers(_ text: String, _ grade: Grade) {
        #expect(Grade(typed: text) == grade)
    }

    @Test func refusesOtherText() {
        #expect(Grade(typed: "5") == nil)
        #expect(Grade(typed: "x") == nil)
    }
}

@Suite struct IdentityTests {
    @Test func declaredNameWinsThenEnvironmentThenLogin() {
        let env = ["ASSAY_AUDITOR": "Priya Shah"]
        #expect(Identity.resolve(declared: "Sam", environment: env).name == "Sam")
        #expect(Identity.resolve(declared: nil, environment: env).name == "Priya Shah")
        let login = Identity.osLoginName()
        #expect(Identity.resolve(declared: nil, environment: [:]).name == login)
        #expect(Identity.resolve(declared: "Sam", environment: env).osLogin == login)
    }

    /// The login is the real user's, from the password database: `$USER` and `$LOGNAME`,
    /// which anyone starting the process can set, change nothing.
    @Test func theLoginIsTheRealUsersNotTheEnvironments() {
        let expected = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid-\(getuid())"
        let env = ["USER": "quinn", "LOGNAME": "quinn"]
        #expect(Identity.resolve(declared: nil, environment: env).osLogin == expected)
        #expect(Identity.resolve(declared: nil, environment: env).name == expected)
    }

    /// `$ASSAY_TODAY` is a test hook; an ordinary process honours it.
    @Test func todayIsFixedByTheTestHookWhenNotElevated() {
        #expect(!ProcessPrivilege.isElevated)
        #expect(Today.date(environment: ["ASSAY_TODAY": "2026-01-02"]) == CalendarDate(parsing: "2026-01-02"))
        #expect(ProcessPrivilege.trusted(["ASSAY_TODAY": "x"]) == ["ASSAY_TODAY": "x"])
    }
}

@Suite struct InputProblemTests {
    @Test func namesFileLineAndField() {
        let p = InputProblem(file: "cases.csv", line: 12, field: "service", reason: "unknown service \"X\"")
        #expect(p.description == "cases.csv:12: field \"service\": unknown service \"X\"")
    }

    @Test func listsTwentyThenCountsTheRest() {
        let problems = (1...25).map { InputProblem(file: "f.csv", line: $0 + 1, field: nil, reason: "bad") }
        let message = InputRejected(file: "f.csv", problems: problems).message
        #expect(message.contains("f.csv:21: bad"))
        #expect(!message.contains("f.csv:22: bad"))
        #expect(message.contains("… and 5 more"))
        #expect(message.hasPrefix("f.csv: rejected, 25 problems; nothing was imported."))
    }
}

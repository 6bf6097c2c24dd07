@testable import AssayAudits
import AssayCore
import AssayTemplates
import Testing

/// `TypedAnswer.read`: the spellings an auditor may type for each kind of question, the
/// canonical value stored, and a refusal in words for everything else.
@Suite struct TypedAnswerTests {
    let template: AuditTemplate

    init() throws { template = try AuditFixture.miniTemplate() }

    func question(_ id: String) -> TemplateQuestion { template.questions.first { $0.id == id }! }

    func read(_ text: String, _ id: String) -> TypedAnswer? {
        try? TypedAnswer.read(text, for: question(id)).get()
    }

    func problem(_ text: String, _ id: String) -> String? {
        if case .failure(let problem) = TypedAnswer.read(text, for: question(id)) { return problem.message }
        return nil
    }

    @Test(arguments: [
        ("o", Grade.outstanding), ("G", .good), ("r", .requiresImprovement), ("i", .inadequate),
        ("1", .outstanding), ("4", .inadequate), (" 3 ", .requiresImprovement),
        ("outstanding", .outstanding), ("Requires Improvement", .requiresImprovement), ("requires_improvement", .requiresImprovement),
        ("INADEQUATE", .inadequate),
    ])
    func gradesAreTypedAsKeyNumberOrName(text: String, grade: Grade) {
        let answer = read(text, "seen-alone")
        #expect(answer?.grade == grade)
        #expect(answer?.value == String(grade.rawValue))
        #expect(answer?.notApplicable == false)
    }

    @Test(arguments: ["5", "0", "x", "gd", "very good", "2.5"])
    func anythingElseIsNotAGrade(text: String) {
        #expect(problem(text, "seen-alone")?.contains("is not a grade (o/g/r/i, 1–4, or the grade's name)") == true)
    }

    @Test func yesNoAcceptsYesNoAndNaAndTheirLetters() {
        #expect(read("yes", "visit-on-time")?.value == "yes")
        #expect(read("Y", "visit-on-time")?.value == "yes")
        #expect(read("No", "visit-on-time")?.value == "no")
        let na = read("na", "visit-on-time")
        #expect(na?.value == "na")
        #expect(na?.notApplicable == true)
        #expect(read("N/A", "visit-on-time")?.value == "na")
        #expect(read("yes", "visit-on-time")?.notApplicable == false)
        #expect(read("no", "visit-on-time")?.grade == nil)
        // `n` is "no" (evidence is `e` at the prompt), at the prompt and in an answers file alike.
        #expect(read("n", "visit-on-time")?.value == "no")
        #expect(read("N", "visit-on-time")?.notApplicable == false)
        #expect(problem("nope", "visit-on-time") == "\"nope\" is not yes, no or na")
        #expect(problem("maybe", "visit-on-time") == "\"maybe\" is not yes, no or na")
    }

    @Test func aChoiceIsTakenByItsTextInAnyCaseOrByItsNumber() {
        #expect(read("Child Protection", "plan-type")?.value == "child protection")
        #expect(read("1", "plan-type")?.value == "child in need")
        #expect(read("3", "plan-type")?.value == "child in care")
        for wrong in ["0", "4", "adoption"] {
            #expect(problem(wrong, "plan-type") == "\"\(wrong)\" is not one of the choices: child in need, child protection, child in care")
        }
    }

    @Test func textIsKeptTrimmed() {
        let answer = read("  Drift since the last review.\n", "summary")
        #expect(answer?.value == "Drift since the last review.")
        #expect(answer?.grade == nil)
    }

    @Test func numbersMustBeFiniteNumbers() {
        #expect(read("3", "visits")?.value == "3")
        #expect(read("2.5", "visits")?.value == "2.5")
        for wrong in ["three", "nan", "inf", "3 visits"] {
            #expect(problem(wrong, "visits") == "\"\(wrong)\" is not a number")
        }
    }

    @Test func datesAreStoredAsYearMonthDay() {
        #expect(read("2026-11-03", "last-visit")?.value == "2026-11-03")
        // The UK spelling registers use reads as the same day.
        #expect(read("3/11/2026", "last-visit")?.value == "2026-11-03")
        for wrong in ["2026-02-30", "2026-13-01", "11/25/2026", "last week"] {
            #expect(problem(wrong, "last-visit") == "\"\(wrong)\" is not a date (yyyy-mm-dd)")
        }
    }

    /// "When was the child last seen?" cannot be answered with a day still to come.
    @Test func aDateAfterTheDayOfTheAuditIsRefused() {
        let today = CalendarDate(year: 2026, month: 11, day: 20)!
        let future = TypedAnswer.read("2026-11-21", for: question("last-visit"), today: today)
        #expect(future == .failure(AnswerProblem("2026-11-21 is in the future (today is 2026-11-20); an audit records what has already happened")))
        #expect((try? TypedAnswer.read("2026-11-20", for: question("last-visit"), today: today).get())?.value == "2026-11-20")
    }

    @Test func aBlankAnswerIsRefusedForEveryKind() {
        for id in ["seen-alone", "visit-on-time", "plan-type", "summary", "visits", "last-visit"] {
            #expect(problem("  ", id) == "no answer given", "\(id)")
        }
    }
}

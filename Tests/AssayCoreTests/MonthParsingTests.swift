import AssayCore
import Testing

/// Every month a person types is read by `Month.parse`, which says exactly what is wrong.
@Suite struct MonthParsingTests {
    func problem(_ text: String) -> String? {
        if case .failure(let problem) = Month.parse(text) { return problem.reason }
        return nil
    }

    @Test func readsAMonth() throws {
        #expect(try Month.parse("2026-11").get() == Month(year: 2026, month: 11)!)
        #expect(try Month.parse("0001-01").get() == Month(year: 1, month: 1)!)
    }

    @Test func namesTheExactProblem() {
        #expect(problem("2026-13") == "there is no month 13; months run from 01 to 12")
        #expect(problem("2026-00") == "there is no month 00; months run from 01 to 12")
        #expect(problem("0000-05") == "there is no year 0000")
        #expect(problem("2026-1") == "write the month with two digits: 2026-01")
        #expect(problem("26-11") == "write the year with four digits, as YYYY-MM (2026-11)")
        #expect(problem("11-2026") == "write the year first: 2026-11")
        #expect(problem("2026/11") == "write it with a hyphen: 2026-11")
        #expect(problem("11/2026") == "write the year first, with a hyphen: 2026-11")
        #expect(problem("2026-11-05") == "that is a date; a month is written YYYY-MM: 2026-11")
        #expect(problem("November 2026") == "write it as YYYY-MM: 2026-11")
        #expect(problem("nov-2026") == "write it as YYYY-MM: 2026-11")
        #expect(problem("") == "give a month as YYYY-MM, such as 2026-11")
        #expect(problem("soon") == "write a month as YYYY-MM, such as 2026-11")
    }
}

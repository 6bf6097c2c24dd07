import Foundation
import Testing

/// The shell turns values into tables and words; what a query means lives below it, where
/// the rules are (issue 21: SQL had reached `PlanCommand` and the completion vocabulary).
/// This reads every Swift file of AssayShell and fails on a statement passed to SQLite.
@Suite struct ShellHoldsNoSQLTests {
    static let sqlCall = #"(?i)\b(sql|literal)\s*:|\bexecute\s*\(\s*sql\b|"\s*(SELECT|INSERT|UPDATE|DELETE)\s"#

    @Test func noFileOfTheShellSpeaksSQL() throws {
        let shellFiles = AuditRulesSpellingTests.swiftFiles().filter { $0.path.hasPrefix("Sources/AssayShell/") }
        #expect(shellFiles.count > 50)
        let pattern = try Regex(Self.sqlCall)
        let offenders = shellFiles.filter { $0.text.contains(pattern) }.map(\.path)
        #expect(offenders.isEmpty, "SQL in the shell: \(offenders)")
    }

    @Test func thePatternFindsSQLWhereItIs() throws {
        let pattern = try Regex(Self.sqlCall)
        let vocabulary = AuditRulesSpellingTests.swiftFiles().first { $0.path.hasSuffix("AssayAudits/Vocabulary/Store+NamesInUse.swift") }
        #expect(try #require(vocabulary).text.contains(pattern))
    }
}

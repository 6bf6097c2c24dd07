@testable import AssayAudits
import AssayCore
import AssayStore
import AssayTestSupport
import Testing

/// The names the shell checks a command's `--auditor` against are kept between commands
/// (`Store.remembered`), so a person added — in this session or in another auditor's —
/// must be known to the very next command.
@Suite struct NamesInUseTests {
    @Test func aPersonAddedHereIsKnownAtOnce() throws {
        let fixture = try AuditFixture()
        #expect(try !fixture.lead.auditorNamesInUse().contains("Nia New"))
        try fixture.lead.addPerson(name: "Nia New", role: .auditor, team: nil)
        #expect(try fixture.lead.auditorNamesInUse().contains("Nia New"))
    }

    @Test func aPersonAddedInAnotherSessionIsKnownAtOnce() throws {
        let fixture = try AuditFixture()
        #expect(try !fixture.lead.auditorNamesInUse().contains("Oli Other"))
        // Another shell on the same database: its own connection.
        let other = try Store(existing: fixture.dir.file("a.db"), identity: fixture.lead.identity)
        try other.addPerson(name: "Oli Other", role: .auditor, team: nil)
        #expect(try fixture.lead.auditorNamesInUse().contains("Oli Other"))
    }
}

import AssayCore
@testable import AssayShell
import Testing

@Suite struct SessionTests {
    func session(interactive: Bool) -> Session {
        Session(databasePath: "/nonexistent/never-opened.db", identity: Identity(name: "A", osLogin: "a"), isInteractive: interactive)
    }

    @Test func terminalOnlyCommandsRefuseScriptsAndNameTheAlternative() {
        #expect {
            try session(interactive: false).requireTerminal(for: "audit CS000123", instead: "audit CS000123 --answers FILE")
        } throws: { error in
            (error as? AssayFailure)?.message == "`audit CS000123` needs a person at a terminal; from a script or pipe use: audit CS000123 --answers FILE"
        }
        #expect(throws: Never.self) { try session(interactive: true).requireTerminal(for: "x", instead: "y") }
    }

    @Test func scriptsRunInsideTheShellAreNotInteractive() {
        let s = session(interactive: true)
        final class Lines: LineSource {
            let name = "f"
            let isInteractive = false
            var seen: [Bool] = []
            let session: Session
            var lines = ["# nothing but a comment"]
            init(_ session: Session) { self.session = session }
            func nextLine(continuation: Bool) -> String? {
                seen.append(session.isInteractive)
                return lines.popLast()
            }
        }
        let source = Lines(s)
        #expect(InputLoop(session: s, bail: true).run(source))
        #expect(source.seen == [false, false])
        #expect(s.isInteractive)
    }

    @Test func anUnfinishedQuoteAtTheEndOfAScriptFails() {
        let s = session(interactive: false)
        #expect(!InputLoop(session: s, bail: false).run(ArgumentLineSource(["month '2026-11"])))
    }
}

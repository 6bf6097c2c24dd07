import AssayCore
@testable import AssayStore
import Foundation
import Testing

/// `Store.consistently` (issue 21, "one snapshot"): a report's reads and the chain head printed
/// with them describe one state of the record, even when someone writes in the middle.
@Suite struct ConsistentReadTests {
    func store(_ dir: TemporaryDirectory) throws -> Store {
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Ann Auditor", role: .auditor, team: "CP North")
        return store
    }

    @Test func aQuietRecordIsReadOnceAndItsHeadReturned() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        var reads = 0
        let (people, head) = try store.consistently { () throws -> Int in
            reads += 1
            return try store.people().count
        }
        #expect(reads == 1)
        #expect(people == 2)
        #expect(head == (try store.chainHead()))
    }

    @Test func aWriteBetweenTheReadsMakesThemRunAgainAgainstTheNewHead() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        let other = try Store(path: dir.file("a.db"), identity: lead)  // another user's connection
        var reads = 0
        let (count, head) = try store.consistently { () throws -> Int in
            reads += 1
            let first = try store.people().count
            if reads == 1 { try other.addPerson(name: "Mo Moderator", role: .moderator, team: nil) }
            return first
        }
        #expect(reads == 2)
        #expect(count == 3, "the figures are those of the state the head names")
        #expect(head == (try store.chainHead()))
    }

    /// The report's own bookkeeping (here the pseudonyms' secret, made by the first report
    /// that names cases) changes no figure: read once, and the head after it returned.
    @Test func theReportsOwnBookkeepingIsNoChangeUnderIt() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        var reads = 0
        let (_, head) = try store.consistently { () throws -> Int in
            reads += 1
            if reads == 1 {
                try store.write { tx in
                    _ = try tx.insert(ReportSecretRecord(secret: Data(repeating: 7, count: 32), createdAt: tx.timestamp, createdBy: "Lena Lead"))
                }
            }
            return try store.people().count
        }
        #expect(reads == 1)
        #expect(try store.onlyReportBookkeeping(since: nil) == false, "people were added: not bookkeeping")
        #expect(head == (try store.chainHead()), "the head after the secret, which covers it")
    }

    @Test func aRecordThatKeepsChangingIsRefusedNotPrintedAsAMix() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        let other = try Store(path: dir.file("a.db"), identity: lead)
        var n = 0
        #expect(throws: StoreError.self) {
            _ = try store.consistently(attempts: 3) { () throws -> Int in
                n += 1
                try other.addPerson(name: "Person \(n)", role: .auditor, team: nil)
                return n
            }
        }
        #expect(n == 3)
    }
}

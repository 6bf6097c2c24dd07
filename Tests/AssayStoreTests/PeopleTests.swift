import AssayCore
import AssayStore
import Testing

@Suite struct PeopleTests {
    @Test func aLeadAddsPeopleWithRolesAndTeams() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Sam Patel", role: .auditor, team: "CP North")
        try store.addPerson(name: "Mo Moderator", role: .moderator, team: nil)
        #expect(try store.people().map(\.name) == ["Lena Lead", "Mo Moderator", "Sam Patel"])
        #expect(try store.person(named: "Sam Patel")?.team == "CP North")
        #expect(try store.person(named: "Sam Patel")?.addedBy == "Lena Lead")
    }

    @Test func namesAreUniqueRegardlessOfCase() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Sam Patel", role: .auditor, team: nil)
        #expect(throws: StoreError.personExists("Sam Patel")) { try store.addPerson(name: "sam patel", role: .lead, team: nil) }
    }

    @Test func onlyALeadMayAddPeople() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Sam Patel", role: .auditor, team: nil)
        let sam = try Store(path: dir.file("a.db"), identity: Identity(name: "Sam Patel", osLogin: "sam"))
        #expect { try sam.addPerson(name: "Eve", role: .lead, team: nil) } throws: { error in
            (error as? StoreError)?.description == "Only a lead may add people; Sam Patel is an auditor."
        }
        let stranger = try Store(path: dir.file("a.db"), identity: Identity(name: "Stranger", osLogin: "s"))
        #expect(throws: StoreError.notOnePerson(name: "Stranger", action: "add people", allowed: [.lead], near: [])) {
            try stranger.addPerson(name: "Eve", role: .lead, team: nil)
        }
        #expect(try store.people().count == 2)
    }
}

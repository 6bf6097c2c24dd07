import AssayCore
@testable import AssayStore
import GRDB
import Testing

/// A database's own settings: defaults until a lead changes one, every change logged, and
/// bad values or names refused with nothing changed.
@Suite struct SettingsTests {
    let dir = TemporaryDirectory()
    let store: Store

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Ann Auditor", role: .auditor, team: nil)
    }

    func settingLog() throws -> [String] {
        try store.read { try String.fetchAll($0, sql: "SELECT operation FROM audit_log WHERE table_name = 'setting' ORDER BY seq") }
    }

    @Test func settingsHoldTheirDefaultsUntilALeadChangesThem() throws {
        #expect(try store.value(of: .dueDays) == 7)
        #expect(try store.value(of: .staleDays) == 7)
        #expect(try store.settings().allSatisfy(\.isDefault))

        #expect(try store.set(.dueDays, to: 14) == 7)
        #expect(try store.value(of: .dueDays) == 14)
        #expect(try store.set(.dueDays, to: 14) == 14)  // the same value again writes nothing
        #expect(try store.set(.dueDays, to: 10) == 14)
        #expect(try settingLog() == ["insert", "update"])
        let due = try #require(try store.settings().first)
        #expect(due.value == 10)
        #expect(due.changedBy == "Lena Lead")
        #expect(try store.verify().isIntact)
    }

    @Test func onlyALeadChangesASettingAndBadValuesChangeNothing() throws {
        let ann = try Store(path: dir.file("a.db"), identity: Identity(name: "Ann Auditor", osLogin: "ann"))
        let refused = #expect(throws: StoreError.self) { try ann.set(.staleDays, to: 3) }
        #expect(refused?.description.contains("Only a lead may change settings") == true)
        let range = #expect(throws: StoreError.self) { try store.set(.staleDays, to: 0) }
        #expect(range == .settingOutOfRange(setting: "stale-days", value: 0, allowed: 1...365))
        #expect(range?.description.contains("from 1 to 365") == true)
        #expect(throws: StoreError.self) { try store.set(.dueDays, to: 366) }
        let unknown = #expect(throws: StoreError.self) { try Setting.named("due-dayz") }
        #expect(unknown?.description.contains("due-days, stale-days") == true)
        #expect(unknown?.place == .argument("setting"))
        #expect(try Setting.named(" Due-Days ") == .dueDays)
        #expect(try settingLog().isEmpty)
        #expect(try store.value(of: .staleDays) == 7)
    }
}

import AssayCore
import Foundation
import GRDB

/// A setting as it stands in one database: its value, and who last changed it and when
/// (nil while it holds its default).
public struct SettingValue: Sendable, Equatable {
    public let setting: Setting
    public let value: Int
    public let changedAt: String?
    public let changedBy: String?
    public var isDefault: Bool { changedAt == nil }
}

extension Store {
    /// The value of `setting` in this database: the one a lead set, else its default.
    public func value(of setting: Setting) throws -> Int {
        try read { db in try Self.value(of: setting, in: db) }
    }

    /// Every setting with its value, in the order `Setting.all` gives.
    public func settings() throws -> [SettingValue] {
        try read { db in
            let stored = Dictionary(try Row.fetchAll(db, sql: "SELECT name, value, changed_at, changed_by FROM setting")
                .map { ($0["name"] as String, $0) }, uniquingKeysWith: { first, _ in first })
            return Setting.all.map { setting in
                guard let row = stored[setting.name], let value = Int(row["value"] as String) else {
                    return SettingValue(setting: setting, value: setting.defaultValue, changedAt: nil, changedBy: nil)
                }
                return SettingValue(setting: setting, value: value, changedAt: row["changed_at"], changedBy: row["changed_by"])
            }
        }
    }

    /// Sets `setting` to `value` (lead only). A value outside the setting's range is refused
    /// and nothing changes; setting the value it already has writes nothing. Returns the
    /// value it had before.
    @discardableResult
    public func set(_ setting: Setting, to value: Int) throws -> Int {
        try require([.lead], to: "change settings")
        guard setting.allowed.contains(value) else {
            throw StoreError.settingOutOfRange(setting: setting.name, value: value, allowed: setting.allowed)
        }
        return try write { tx in
            let existing = try tx.query { db in
                try Row.fetchOne(db, sql: "SELECT id, value FROM setting WHERE name = ?", arguments: [setting.name])
            }
            let before = existing.flatMap { Int($0["value"] as String) } ?? setting.defaultValue
            let now = tx.timestamp
            if let existing {
                if before != value {
                    try tx.update(SettingRecord.self, id: existing["id"], set: [(.value, String(value)), (.changedAt, now), (.changedBy, tx.user.name)])
                }
            } else if before != value {
                try tx.insert(SettingRecord(name: setting.name, value: String(value), changedAt: now, changedBy: tx.user.name))
            }
            return before
        }
    }

    /// The same, read in a transaction already open (a write's `query`, a larger read).
    public static func value(of setting: Setting, in db: Database) throws -> Int {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [setting.name]).flatMap(Int.init)
            ?? setting.defaultValue
    }
}

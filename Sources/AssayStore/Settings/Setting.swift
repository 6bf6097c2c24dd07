import AssayCore

/// One of a database's own settings: a whole number the QA lead may change with
/// `settings set NAME VALUE`, and that holds its default until they do. Kept in the
/// database (table `setting`), not in a file beside it, so everyone working on the
/// database counts deadlines alike and every change is in the audit log.
public struct Setting: Sendable, Hashable {
    public let name: String
    public let defaultValue: Int
    public let allowed: ClosedRange<Int>
    /// What the value means, as `settings` prints it.
    public let meaning: String

    /// An assignment falls due this many days after the last day of its draw's month,
    /// unless `assign --due DATE` gives the date: a month's audits are done in the month and
    /// the week after it by default.
    public static let dueDays = Setting(
        name: "due-days", defaultValue: 7, allowed: 0...365,
        meaning: "days after the end of the draw's month that an assignment falls due, unless assign --due gives the date")

    /// An audit in progress whose answers nobody has touched for this many days is stale:
    /// begun and left, which a due date far off would not show.
    public static let staleDays = Setting(
        name: "stale-days", defaultValue: 7, allowed: 1...365,
        meaning: "days an audit in progress may lie untouched before progress calls it stale")

    public static let all: [Setting] = [.dueDays, .staleDays]

    /// The setting called `name` (any case), or a refusal naming the settings there are.
    public static func named(_ name: String) throws -> Setting {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = all.first(where: { $0.name == wanted }) else {
            throw StoreError.unknownSetting(name, settings: all.map(\.name))
        }
        return found
    }
}

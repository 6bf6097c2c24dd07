/// A table whose every insert, update and delete is written to the audit log.
///
/// Only the store can name one (the initializer is internal), and `AuditedWriter` only
/// writes to tables named this way, so code outside the store cannot reach a table
/// without leaving a trail — nor write to `audit_log` itself.
public struct AuditedTable: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let people = AuditedTable("people")
    public static let frame = AuditedTable("frame")
    public static let frameCase = AuditedTable("frame_case")
    public static let draw = AuditedTable("draw")
    public static let drawStratum = AuditedTable("draw_stratum")
    public static let drawExclusion = AuditedTable("draw_exclusion")
    public static let drawCase = AuditedTable("draw_case")
    public static let template = AuditedTable("template")

    /// Every audited table, for checks that walk them all.
    public static let all: [AuditedTable] = [.people, .frame, .frameCase, .draw, .drawStratum, .drawExclusion, .drawCase, .template]
}

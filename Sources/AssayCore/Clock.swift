import Foundation

/// Where Assay reads the time of a change. A store takes one instant from it per write
/// transaction, so every timestamp a transaction writes (the audit log's `at`, `submitted_at`,
/// `raised_at`, …) is the same moment. The system clock in use; a fixed one in tests that
/// need to know what was stamped.
public struct Clock: Sendable {
    public let now: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// The machine's clock.
    public static let system = Clock { Date() }

    /// Always `instant`.
    public static func fixed(_ instant: Date) -> Clock { Clock { instant } }
}

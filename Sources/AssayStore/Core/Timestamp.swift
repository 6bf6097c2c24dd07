import Foundation

/// Instants are stored as ISO 8601 in UTC with milliseconds (`2026-11-23T19:20:01.123Z`),
/// which sorts as text and reads the same in the `sqlite3` CLI.
public enum Timestamp {
    public static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

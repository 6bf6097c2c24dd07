import AssayCore

/// The last entry of the audit log: its sequence number and chain hash, spelled `SEQ:HASH`.
///
/// Printed at the foot of every report and stored in every evidence pack, so that a chain
/// rebuilt after tampering contradicts heads already published (`verify --head SEQ:HASH`).
public struct ChainHead: Sendable, Equatable, CustomStringConvertible {
    public let seq: Int64
    public let hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Parses `SEQ:HASH` as printed (the hash 64 hex digits, either case).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 0 else { return nil }
        let hash = parts[1].lowercased()
        guard LogEntry.bytes(hex: hash) != nil else { return nil }
        self.init(seq: seq, hash: hash)
    }

    public var description: String { "\(seq):\(hash)" }

    /// The line reports end with.
    public var footnote: String { "Audit log head \(description) (check with: assay verify --head \(description))" }
}

import Foundation

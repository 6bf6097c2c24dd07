import AssayCore
import Foundation

/// One submitted audit that a moderation sample may choose.
public struct ModerationCandidate: Sendable, Equatable {
    public let auditID: Int64
    public let caseID: String
    public let auditor: String
    public init(auditID: Int64, caseID: String, auditor: String) {
        self.auditID = auditID
        self.caseID = caseID
        self.auditor = auditor
    }
}

/// One audit chosen for moderation, with its ticket and why it was chosen.
public struct ModerationPick: Sendable, Equatable {
    public enum ChosenAs: String, Sendable {
        /// Its auditor's lowest ticket: every auditor with submitted audits gets one.
        case auditor
        /// Among the lowest remaining tickets, to make up the share.
        case share
    }
    public let candidate: ModerationCandidate
    public let ticket: String
    public let chosenAs: ChosenAs
}

/// The selection rule of a moderation sample, `assay-moderation-1` (docs/moderation.md):
///
/// 1. every submitted audit of the month gets a ticket, SHA-256( be64(len(seed)) ‖ seed ‖
///    be64(len(id)) ‖ id ), id the audit id in decimal — the draws' ticket (docs/sampling.md)
///    with the audit id in place of the case id;
/// 2. each auditor (names compared ignoring case) gets their audit with the lowest ticket;
/// 3. the lowest remaining tickets make the sample up to ceil(share × audits), if the
///    auditors' picks have not already reached it.
///
/// Tickets compare as bytes (as their lower-case hex spelling does), ties by audit id.
public enum ModerationSelection {
    public static let algorithm = "assay-moderation-1"

    public static func ticket(auditID: Int64, seed: String) -> String {
        var bytes: [UInt8] = []
        append(seed, to: &bytes)
        append(String(auditID), to: &bytes)
        return Hashing.sha256Hex(bytes)
    }

    /// ceil(share × population), never more than the population.
    public static func target(population: Int, share: Double) -> Int {
        min(population, Int((share * Double(population) - 1e-9).rounded(.up)))
    }

    public static func select(_ candidates: [ModerationCandidate], share: Double, seed: String) -> [ModerationPick] {
        let ticketed = candidates.map { (candidate: $0, ticket: ticket(auditID: $0.auditID, seed: seed)) }
            .sorted { $0.ticket != $1.ticket ? $0.ticket < $1.ticket : $0.candidate.auditID < $1.candidate.auditID }
        var picks: [ModerationPick] = []
        var chosen = Set<Int64>()
        var auditorsSeen = Set<String>()
        for entry in ticketed where auditorsSeen.insert(entry.candidate.auditor.lowercased()).inserted {
            picks.append(ModerationPick(candidate: entry.candidate, ticket: entry.ticket, chosenAs: .auditor))
            chosen.insert(entry.candidate.auditID)
        }
        let wanted = target(population: candidates.count, share: share)
        for entry in ticketed where picks.count < wanted && !chosen.contains(entry.candidate.auditID) {
            picks.append(ModerationPick(candidate: entry.candidate, ticket: entry.ticket, chosenAs: .share))
            chosen.insert(entry.candidate.auditID)
        }
        return picks.sorted { $0.ticket < $1.ticket }
    }

    /// "10%", "12.5%" or a fraction such as "0.1"; more than 0 and at most 100%.
    public static func parseShare(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: Double?
        if trimmed.hasSuffix("%") {
            value = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 }
        } else {
            value = Double(trimmed)
        }
        guard let value, value.isFinite, value > 0, value <= 1 else { return nil }
        return value
    }

    /// 32 bytes from the system's secure random source, as 64 hex digits (as draws make seeds).
    public static func freshSeed() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        let length = UInt64(text.utf8.count)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        bytes.append(contentsOf: text.utf8)
    }
}

import AssayCore
import AssayStore
import Foundation
import GRDB

/// A frame's cases with their stratum keys, for one set of `--by` fields.
struct FrameCases {
    struct Case {
        let caseID: String
        let key: StratumKey
    }

    let frame: Frame
    let cases: [Case]

    /// Fields a register always has; anything else must be an attribute kept at import.
    static let registerFields: Set<String> = ["team", "locality", "service", "worker"]

    static func load(_ store: Store, frame: Frame, byFields: [String], services: [Service]?) throws -> FrameCases {
        let kept = (try? JSONSerialization.jsonObject(with: Data(frame.keptAttributes.utf8)) as? [String]) ?? []
        for field in byFields where !registerFields.contains(field) && !kept.contains(field) {
            let choices = registerFields.sorted() + kept
            throw AssayFailure("--by \(field): not a register field or a kept attribute of frame \(frame.id) (choose from: \(choices.joined(separator: ", "))).")
        }
        guard !byFields.isEmpty else { throw AssayFailure("--by needs at least one field.") }
        let wanted = services.map { Set($0.map(\.code)) }
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT case_id, team, locality, service, worker, attributes FROM frame_case WHERE frame_id = ?",
                             arguments: [frame.id])
        }
        var cases: [Case] = []
        cases.reserveCapacity(rows.count)
        for row in rows {
            let service: String? = row["service"]
            if let wanted, !wanted.contains(service ?? "") { continue }
            var attributes: [String: String]?
            let key = byFields.map { field -> String in
                if registerFields.contains(field) { return row[field] ?? "" }
                if attributes == nil {
                    let text: String? = row["attributes"]
                    attributes = text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } ?? [:]
                }
                return attributes?[field] ?? ""
            }
            cases.append(Case(caseID: row["case_id"], key: StratumKey(key)))
        }
        return FrameCases(frame: frame, cases: cases)
    }
}

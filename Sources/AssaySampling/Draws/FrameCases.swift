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
        // A cursor, columns by position, and one shared key per stratum: a frame may hold a
        // million cases, and GRDB `Row`s for all of them at once cost hundreds of megabytes.
        let cases = try store.read { db -> [Case] in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM frame_case WHERE frame_id = ?", arguments: [frame.id]) ?? 0
            var cases: [Case] = []
            cases.reserveCapacity(count)
            var keys: [[String]: StratumKey] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT case_id, team, locality, service, worker, attributes FROM frame_case WHERE frame_id = ?",
                                           arguments: [frame.id])
            let position = ["team": 1, "locality": 2, "service": 3, "worker": 4]
            while let row = try rows.next() {
                let service: String? = row[3]
                if let wanted, !wanted.contains(service ?? "") { continue }
                var attributes: [String: String]?
                let values = byFields.map { field -> String in
                    if let index = position[field] { return row[index] ?? "" }
                    if attributes == nil {
                        let text: String? = row[5]
                        attributes = text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } ?? [:]
                    }
                    return attributes?[field] ?? ""
                }
                let key: StratumKey
                if let known = keys[values] {
                    key = known
                } else {
                    key = StratumKey(values)
                    keys[values] = key
                }
                cases.append(Case(caseID: row[0], key: key))
            }
            return cases
        }
        return FrameCases(frame: frame, cases: cases)
    }
}

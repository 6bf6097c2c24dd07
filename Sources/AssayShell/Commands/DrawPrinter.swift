import AssayCore
import AssayOutput
import AssaySampling

/// Prints a draw in every format: for people, a summary, the allocation table and the
/// cases; as JSON, one object (docs/json.md, "Draws"); as CSV, the selected cases.
struct DrawPrinter {
    let session: Session
    let format: OutputFormatName
    /// Cases added for re-audit outside the random sample (`--include-reaudits`).
    var reaudits: [DrawReaudit] = []
    /// `--raw-csv`: CSV cells exactly as stored.
    var rawCSV = false

    func print(_ draw: Draw, stored: StoredDraw?) {
        switch format {
        case .json:
            session.emit(Listing(record: record(draw, stored: stored)), as: .json)
        case .csv:
            session.emit(casesListing(draw), as: .csv, rawCSV: rawCSV)
        case .table, .markdown:
            if format == .table { session.write(TextPolicy.printable(summary(draw, stored: stored)) + "\n") }
            session.emit(allocationListing(draw), as: format)
            session.write("\n")
            session.emit(casesListing(draw), as: format)
            if !reaudits.isEmpty {
                session.write("\nAdded for re-audit, outside the random sample (never in estimates):\n")
                session.emit(reauditsListing, as: format)
            }
        }
    }

    /// The draw in the JSON draw format (docs/json.md, "Draws") as `draw show --format json`
    /// prints it; evidence packs carry each draw so.
    func jsonText(_ draw: Draw, stored: StoredDraw?) -> String {
        JSONFormat().render(Listing(record: record(draw, stored: stored)), style: .plain)
    }

    var reauditsListing: Listing {
        Listing(columns: [Column("case_id"), Column("reaudit"), Column("last_audit_id", "last audit"), Column("last_month", "last month")],
                rows: reaudits.map { [.text($0.caseID), .bool(true), .int(Int($0.lastAuditID)), .text($0.lastMonth.description)] })
    }

    private func stratum(_ draw: Draw, _ key: StratumKey) -> Cell {
        .group(zip(draw.byFields, key.values).map { GroupField($0, .text($1)) })
    }

    func allocationListing(_ draw: Draw) -> Listing {
        Listing(columns: draw.byFields.map { Column($0) } + [Column("population", "N"), Column("eligible", "E"), Column("sample", "n"), Column("inclusion_probability", "n/E")],
                rows: draw.strata.map { s in
                    s.key.values.map(Cell.text) + [.int(s.population), .int(s.eligible), .int(s.sample),
                                                   s.inclusionProbability.map { .number($0, decimals: 3) } ?? .null]
                } + [Array(repeating: Cell.text(""), count: max(0, draw.byFields.count - 1)) + [.text("total"),
                     .int(draw.strata.reduce(0) { $0 + $1.population }), .int(draw.strata.reduce(0) { $0 + $1.eligible }), .int(draw.total), .null]])
    }

    func casesListing(_ draw: Draw) -> Listing {
        Listing(columns: [Column("case_id")] + draw.byFields.map { Column($0) },
                rows: draw.cases.map { c in [.text(c.caseID)] + draw.strata[c.stratumPosition].key.values.map(Cell.text) })
    }

    private func summary(_ draw: Draw, stored: StoredDraw?) -> String {
        var lines: [String] = []
        let header = stored.map { "Draw \($0.id) for \(draw.month)\($0.status == "replaced" ? " (replaced)" : "") — drawn \($0.drawnAt) by \($0.drawnBy)" }
            ?? "Draw for \(draw.month) (dry run)"
        lines.append(header)
        lines.append("frame \(draw.frameID) (sha256 \(draw.frameSourceSHA256.prefix(12))…), strata by \(draw.byFields.joined(separator: ", "))"
                     + (draw.services.map { ", services \($0.map(\.code).joined(separator: ","))" } ?? ""))
        let size: String = switch draw.size {
        case .total(let n): "size \(n), allocation \(draw.allocationUsed)\(draw.allocationUsed != draw.allocationRequested.rawValue ? " (asked: \(draw.allocationRequested.rawValue))" : ""), at least \(draw.minimumPerStratum) per stratum"
        case .perStratum(let k): "\(k) per stratum"
        }
        lines.append(size + "; \(draw.exclusions.count) cases excluded as drawn in the previous \(draw.excludeRecentMonths) months")
        lines.append("seed \(draw.seed) (\(draw.seedGiven ? "given" : "generated")), algorithm \(Draw.algorithm)")
        if let reason = stored?.replaceReason, let old = stored?.replacesDrawID { lines.append("replaces draw \(old): \(reason)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func record(_ draw: Draw, stored: StoredDraw?) -> [(Column, Cell)] {
        let (requested, perStratum): (Cell, Cell) = switch draw.size {
        case .total(let n): (.int(n), .null)
        case .perStratum(let k): (.null, .int(k))
        }
        return [
            (Column("draw_id"), stored.map { .int(Int($0.id)) } ?? .null),
            (Column("month"), .text(draw.month.description)),
            (Column("status"), .text(stored?.status ?? "dry-run")),
            (Column("seed"), .text(draw.seed)),
            (Column("seed_given"), .bool(draw.seedGiven)),
            (Column("algorithm"), .text(Draw.algorithm)),
            (Column("frame"), .group([GroupField("id", .int(Int(draw.frameID))), GroupField("sha256", .text(draw.frameSourceSHA256)),
                                      GroupField("rows_sha256", .text(draw.frameRowsSHA256))])),
            (Column("by"), .list(draw.byFields.map(Cell.text))),
            (Column("services"), draw.services.map { .list($0.map { .text($0.code) }) } ?? .null),
            (Column("requested_size"), requested),
            (Column("per_stratum"), perStratum),
            (Column("allocation_requested"), .text(draw.allocationRequested.rawValue)),
            (Column("allocation_used"), .text(draw.allocationUsed)),
            (Column("min_per_stratum"), .int(draw.minimumPerStratum)),
            (Column("exclude_recent"), .int(draw.excludeRecentMonths)),
            (Column("total"), .int(draw.total)),
            (Column("drawn_at"), .optional(stored?.drawnAt)),
            (Column("drawn_by"), .optional(stored?.drawnBy)),
            (Column("replaces_draw_id"), stored?.replacesDrawID.map { .int(Int($0)) } ?? .null),
            (Column("replace_reason"), .optional(stored?.replaceReason)),
            (Column("excluded"), .list(draw.exclusions.map { .group([GroupField("case_id", .text($0.caseID)), GroupField("drawn_in", .text($0.month.description))]) })),
            (Column("allocation"), .list(draw.strata.map { s in
                .group([GroupField("stratum", stratum(draw, s.key)), GroupField("population", .int(s.population)),
                        GroupField("eligible", .int(s.eligible)), GroupField("sample", .int(s.sample)),
                        GroupField("inclusion_probability", s.inclusionProbability.map { .number($0, decimals: 3) } ?? .null),
                        GroupField("neyman_p", s.neymanP.map { .number($0, decimals: 3) } ?? .null)])
            })),
            (Column("cases"), .list(draw.cases.map { c in
                .group([GroupField("case_id", .text(c.caseID)), GroupField("stratum", stratum(draw, draw.strata[c.stratumPosition].key)),
                        GroupField("ticket", .text(c.ticket))])
            })),
            (Column("reaudits"), .list(reaudits.map { r in
                .group([GroupField("case_id", .text(r.caseID)), GroupField("last_audit_id", .int(Int(r.lastAuditID))),
                        GroupField("last_month", .text(r.lastMonth.description))])
            })),
        ]
    }
}

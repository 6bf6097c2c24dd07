import AssayCore
import AssayReports

/// The public small-numbers rule applied to a return, month by month, by the very
/// functions the public reports use (`SmallCountSuppression.suppress(table:)`; docs/
/// reports.md, "Public versions"). No second rule: each month's strata form tables with
/// both margins — strata × grades (each row adding up to n_h), strata × grades for every
/// domain, strata × (agreed, not) for moderation and strata × (done on time, overdue, the
/// rest) for actions — and every hidden figure is `[c]`. The margins are not in the return
/// but a reader adding the strata up would have them, so they are protected as if shown.
/// N_h, a count of children in a stratum's frame, is hidden when small.
enum ReturnSuppression {
    static func apply(_ strata: [ExactStratum], counts: AuthorityReturn.Counts) -> [AuthorityReturn.Stratum] {
        guard case .suppressed(let threshold) = counts else { return strata.map { exact($0) } }
        let rule = SmallCountSuppression(threshold: threshold)
        var out: [AuthorityReturn.Stratum] = []
        let months = Dictionary(grouping: strata.indices, by: { strata[$0].month })
        for month in months.keys.sorted() {
            let rows = months[month]!.map { strata[$0] }
            out += suppressMonth(rows, rule)
        }
        return out
    }

    static func exact(_ s: ExactStratum) -> AuthorityReturn.Stratum {
        AuthorityReturn.Stratum(
            month: s.month, draw: s.draw, position: s.position, key: s.key, frameCases: s.frameCases.map { .count($0) },
            audited: .count(s.audited), grades: s.grades.map { .count($0) }, domains: s.domains.mapValues { $0.map { .count($0) } },
            moderated: .count(s.moderated), moderationAgreed: .count(s.moderationAgreed), actionsRaised: .count(s.actionsRaised),
            actionsDoneOnTime: .count(s.actionsDoneOnTime), actionsOverdue: .count(s.actionsOverdue))
    }

    private static func suppressMonth(_ rows: [ExactStratum], _ rule: SmallCountSuppression) -> [AuthorityReturn.Stratum] {
        func figure(_ n: Int, _ hidden: Bool) -> AuthorityReturn.Figure { hidden ? .hidden : .count(n) }
        let grades = rule.suppress(table: rows.map(\.grades))
        let sections = Set(rows.flatMap { $0.domains.keys }).sorted()
        let domainTables = Dictionary(uniqueKeysWithValues: sections.map { section in
            (section, rule.suppress(table: rows.map { $0.domains[section] ?? [0, 0, 0, 0] }))
        })
        let moderation = rule.suppress(table: rows.map { [$0.moderationAgreed, $0.moderated - $0.moderationAgreed] })
        let actions = rule.suppress(table: rows.map {
            [$0.actionsDoneOnTime, $0.actionsOverdue, $0.actionsRaised - $0.actionsDoneOnTime - $0.actionsOverdue]
        })
        return rows.enumerated().map { r, s in
            var domains: [String: [AuthorityReturn.Figure]] = [:]
            for (section, counts) in s.domains {
                let hidden = domainTables[section]!.cells[r]
                domains[section] = counts.indices.map { figure(counts[$0], hidden[$0]) }
            }
            return AuthorityReturn.Stratum(
                month: s.month, draw: s.draw, position: s.position, key: s.key,
                frameCases: s.frameCases.map { figure($0, rule.isSmall($0)) },
                audited: figure(s.audited, grades.rowTotals[r]),
                grades: s.grades.indices.map { figure(s.grades[$0], grades.cells[r][$0]) },
                domains: domains,
                moderated: figure(s.moderated, moderation.rowTotals[r]),
                moderationAgreed: figure(s.moderationAgreed, moderation.cells[r][0]),
                actionsRaised: figure(s.actionsRaised, actions.rowTotals[r]),
                actionsDoneOnTime: figure(s.actionsDoneOnTime, actions.cells[r][0]),
                actionsOverdue: figure(s.actionsOverdue, actions.cells[r][1]))
        }
    }
}

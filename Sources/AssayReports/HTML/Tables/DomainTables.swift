/// The domains as tables: the heat map (a row per domain, a column for the authority and for
/// each team, each cell the share of audits grading the domain requires improvement or
/// inadequate, with its number of audits printed under it) and the authority's figures.
///
/// The heat map is a table, not a picture, so that every cell prints its count, wraps its
/// names, scrolls inside itself on a phone and reads aloud with its row and column. Cells
/// follow `ReadableFigures`: a percentage from ten audits, the counts under ten; a cell of
/// fewer than five audits is **thin**: hatched and starred, not shaded by its share, so a
/// "100%" resting on three audits can neither catch the eye nor survive a greyscale print as
/// a dark square.
extension HTMLTables {
    static func domainHeatMap(_ map: DomainHeatMap, weakest: WeakestDomains, names: DomainTitles, caption: String) -> String {
        let columns = [("Authority", map.authority)] + map.teams.map { ($0, map.cells[$0] ?? [:]) }
        var out = "<div class=\"table-scroll\">\n<table id=\"domain-heat-map\" class=\"heat\">\n<caption>\(HTML.escape(caption))</caption>\n<thead><tr>"
        out += "<th scope=\"col\" class=\"domain\">Domain</th>"
        for (name, _) in columns {
            out += "<th scope=\"col\" class=\"vertical\"><span>\(HTML.escape(name))</span></th>"
        }
        out += "</tr></thead>\n"
        let ranked = map.domains.filter { (map.authority[$0]?.graded ?? 0) >= weakest.minimum }
        let rare = map.domains.filter { (map.authority[$0]?.graded ?? 0) < weakest.minimum }
        for (title, domains) in [("Graded in at least \(weakest.minimum) audits, most often graded 3 or 4 first", ranked),
                                 ("Graded in fewer than \(weakest.minimum) audits: too few to rank", rare)] where !domains.isEmpty {
            out += "<tbody>\n<tr class=\"subhead\"><th scope=\"rowgroup\" colspan=\"\(columns.count + 1)\">\(HTML.escape(title))</th></tr>\n"
            for domain in domains {
                out += "<tr><th scope=\"row\" class=\"domain\">\(HTML.escape(names.title(of: domain)))</th>"
                for (_, cells) in columns { out += heatCell(cells[domain] ?? .empty) }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        return out + "</table>\n</div>\n"
    }

    /// One cell: the share (or counts) over "of n", coloured by the share unless thin.
    static func heatCell(_ cell: DomainHeatMap.Cell) -> String {
        guard let share = cell.share else { return "<td class=\"cell none\">–</td>" }
        let value = cell.graded >= ReadableFigures.countsBelow ? ReadableFigures.percentCell(share) : String(cell.belowGood)
        if cell.graded < ReadableFigures.thinBelow {
            return "<td class=\"cell thin\">\(value)<span class=\"n\">of \(cell.graded)*</span></td>"
        }
        let fill = HeatScale.colour(share)
        return "<td class=\"cell\" style=\"background:\(fill);color:\(Palette.textOn(fill))\">\(value)<span class=\"n\">of \(cell.graded)</span></td>"
    }

    static let heatMapNotes = [
        "Each cell: the share of the audits grading that domain that graded it requires improvement or inadequate (3 or 4), and under it how many audits graded it. "
            + "Under 10 audits the cell gives the count instead of a percentage (\"2 / of 3\" is 2 of 3). Darker red: a larger share.",
        "* Thin: fewer than 5 audits graded the domain. Hatched and not shaded by its share: too few to read.",
        "– not graded: the team's audits did not grade that domain (templates differ by service).",
    ]

    /// The authority's figures for each domain, with its rank among the weakest or why it has none.
    static func domains(_ map: DomainHeatMap, weakest: WeakestDomains, names: DomainTitles, caption: String) -> HTMLTable {
        HTMLTable(
            id: "domains-table", caption: caption,
            columns: [.init("Domain"), .init("Audits grading it", numeric: true), .init("Requires improvement", numeric: true),
                      .init("Inadequate", numeric: true), .init("Share graded 3 or 4", numeric: true), .init("Teams grading it", numeric: true),
                      .init("Weakest")],
            rows: (map.report.rows.filter { $0.group.isAuthority && $0.audited >= weakest.minimum }
                + map.report.rows.filter { $0.group.isAuthority && $0.audited < weakest.minimum }).map { row in
                let teams = map.teams.filter { map.cell(team: $0, domain: row.domain).graded > 0 }.count
                let rank = weakest.rank(of: row.domain).map { "\($0)" } ?? (row.audited < weakest.minimum ? "too rarely graded to rank" : "")
                return HTMLTable.Row(cells: [names.title(of: row.domain), String(row.audited), String(row.requiresImprovement), String(row.inadequate),
                                             ReadableFigures.shareCell(row.requiresImprovement + row.inadequate, of: row.audited), String(teams), rank])
            })
    }
}

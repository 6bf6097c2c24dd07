import AssayCore
@testable import AssayReports
import Foundation

/// An authority whose answers are known, for the HTML report's summary tests.
///
/// Ten teams, 36 months of imported history (December 2023 to October 2026) and a drawn
/// November 2026, six audits a team a month:
///
/// - **Harbour** (North): 3 of 6 inadequate every month: far above the limits.
/// - **Meadow** (South): none inadequate, ever: below the limits.
/// - the eight others, alike: a share that falls from 2 of 6 a month in the first year to 1
///   of 6 in the second and 1 of 6 every third month in the third, so the authority is
///   **improving** over 36 months. Alike, they keep the teams from being over-dispersed, so
///   Harbour and Meadow are read against the exact limits.
/// - Every audit grades `voice` and `risk`; three of Meadow's November audits also grade
///   `pathway`, inadequate each time: a **thin domain** (3 audits) that must never be named
///   among the weakest, however bad its share.
enum HTMLFixture {
    static let november = Month("2026-11")!
    static let teams = ["Harbour", "Meadow", "Orchard", "Quarry", "Ridge", "Spinney", "Thicket", "Upland", "Valley", "Wharf"]
    static let localities = ["Harbour": "North", "Orchard": "North", "Quarry": "North", "Ridge": "North", "Spinney": "North",
                             "Meadow": "South", "Thicket": "South", "Upland": "South", "Valley": "South", "Wharf": "South"]

    /// How many of a team's six audits in month `t` (0 = December 2023) are inadequate.
    static func inadequate(_ team: String, month t: Int) -> Int {
        switch team {
        case "Harbour": 3
        case "Meadow": 0
        default: t < 12 ? 2 : t < 24 ? 1 : (t % 3 == 0 ? 1 : 0)
        }
    }

    static func audits() -> [ReportedAudit] {
        var audits: [ReportedAudit] = []
        let first = Month("2023-12")!
        for t in 0..<36 {
            let month = first.adding(months: t)
            for (index, team) in teams.enumerated() {
                let bad = inadequate(team, month: t)
                for k in 0..<6 {
                    let origin: ReportedAudit.Origin = month == november
                        ? .drawn(drawID: 1, position: index, population: 30 + 10 * index) : .imported
                    var domains: [String: Grade] = ["voice": k < bad ? .inadequate : .good, "risk": k < bad + 1 ? .requiresImprovement : .good]
                    if team == "Meadow" && month == november && k < 3 { domains["pathway"] = .inadequate }
                    audits.append(ReportedAudit(month: month, team: team, locality: localities[team]!, service: .childInNeed,
                                                overall: k < bad ? .inadequate : .good, origin: origin, domainGrades: domains))
                }
            }
        }
        return audits
    }

    static func report() throws -> HTMLReport {
        try HTMLReport(audits: audits(), month: november, months: 12,
                       domainTitles: DomainTitles(templates: [("mini", [("voice", "The child's voice"), ("risk", "Risk and safety"),
                                                                        ("pathway", "Pathway planning")])]))
    }
}

/// Reading a rendered page as a reader would: the text of an element, the rows of a table.
enum PageText {
    /// The page's text between `start` and the first `end` after it, tags removed, entities
    /// decoded, white space collapsed.
    static func text(of page: String, from start: String, to end: String) -> String? {
        guard let a = page.range(of: start), let b = page.range(of: end, range: a.upperBound..<page.endIndex) else { return nil }
        return plain(String(page[a.upperBound..<b.lowerBound]))
    }

    /// The text of the summary's answer with this id.
    static func answer(_ id: String, in page: String) -> String? {
        text(of: page, from: "<div class=\"answer\" id=\"answer-\(id)\">", to: "</div>")
    }

    /// Markup as text: tags out, the five entities back, runs of white space as one space.
    static func plain(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The body rows of the table with this id, each as its cells' text (row header first).
    static func rows(ofTable id: String, in page: String) -> [[String]] {
        guard let a = page.range(of: "<table id=\"\(id)\""), let b = page.range(of: "</table>", range: a.upperBound..<page.endIndex),
              let body = page.range(of: "<tbody>", range: a.upperBound..<b.lowerBound),
              let end = page.range(of: "</tbody>", range: body.upperBound..<b.lowerBound) else { return [] }
        let html = String(page[body.upperBound..<end.lowerBound])
        // Each row split at its cells' closing tags ("</th>", "</td>"); each piece is the
        // rest of the tag before it, then the cell's own opening tag and content.
        // The last two pieces are the last cell's closing tag's end and the row's.
        return html.components(separatedBy: "<tr").dropFirst().map { row in
            row.components(separatedBy: "</t").dropLast(2).map { cell in
                plain(cell.components(separatedBy: ">").dropFirst().joined(separator: ">"))
            }
        }
    }

    /// The row of a table whose row header is `name`.
    static func row(_ name: String, ofTable id: String, in page: String) -> [String]? {
        rows(ofTable: id, in: page).first { $0.first == name }
    }
}

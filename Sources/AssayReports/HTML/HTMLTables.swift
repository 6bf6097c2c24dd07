/// A table of the page: every cell is plain text, escaped when written. The first cell of a
/// row is its row header (`<th scope="row">`), so a screen reader names the team or month a
/// figure belongs to; the table sits in a box that scrolls sideways on a narrow screen, so
/// the page itself never does.
struct HTMLTable {
    struct Column {
        let title: String
        let numeric: Bool

        init(_ title: String, numeric: Bool = false) {
            self.title = title
            self.numeric = numeric
        }
    }

    struct Row {
        let cells: [String]
        var classes: String = ""
        /// Classes of single cells, by column index.
        var cellClasses: [Int: String] = [:]
    }

    let id: String
    let caption: String
    let columns: [Column]
    var rows: [Row]
    /// Headings over runs of columns, above the column titles: (title, how many columns).
    var groups: [(title: String, span: Int)] = []

    func render() -> String {
        var out = "<div class=\"table-scroll\">\n<table id=\"\(HTML.escape(id))\">\n<caption>\(HTML.escape(caption))</caption>\n<thead>"
        if !groups.isEmpty {
            out += "<tr>"
            for group in groups {
                let span = group.span > 1 ? " colspan=\"\(group.span)\"" : ""
                out += group.title.isEmpty ? "<td\(span)></td>" : "<th scope=\"colgroup\"\(span) class=\"group-head\">\(HTML.escape(group.title))</th>"
            }
            out += "</tr>\n"
        }
        out += "<tr>"
        for column in columns {
            out += column.numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"
            out += HTML.escape(column.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += row.classes.isEmpty ? "<tr>" : "<tr class=\"\(row.classes)\">"
            for (i, cell) in row.cells.enumerated() {
                let classes = [columns[i].numeric ? "num" : nil, row.cellClasses[i]].compactMap { $0 }.joined(separator: " ")
                let tag = i == 0 ? "th" : "td"
                out += "<\(tag)" + (i == 0 ? " scope=\"row\"" : "") + (classes.isEmpty ? "" : " class=\"\(classes)\"") + ">"
                out += HTML.escape(cell) + "</\(tag)>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }
}

/// The report's tables; each lives in a file of its own beside the section that prints it.
enum HTMLTables {
    /// Footnotes under a table.
    static func notes(_ notes: [String]) -> String {
        guard !notes.isEmpty else { return "" }
        return "<ul class=\"notes\">" + notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n"
    }
}

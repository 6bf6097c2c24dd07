/// The pieces every section of the page is made of: a section with its heading, and
/// paragraphs of plain text (escaped here, so no caller writes raw HTML from a name).
enum PageSection {
    /// A section. Printed, sections flow one after another (a forced page break before each
    /// left pages nearly empty); a figure, a table row or a heading and what follows it are
    /// never split (`PageStyle`).
    static func render(id: String, heading: String, content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(HTML.escape(heading))</h2>\n\(content)</section>\n"
    }

    static func paragraph(_ text: String, classes: String = "") -> String {
        (classes.isEmpty ? "<p>" : "<p class=\"\(classes)\">") + HTML.escape(text) + "</p>\n"
    }

    static func paragraphs(_ texts: [String], classes: String = "") -> String {
        texts.map { paragraph($0, classes: classes) }.joined()
    }

    /// A figure with a visible title saying what it plots (which rate, weighted or counted),
    /// the drawing, and a caption; `wide` figures scroll inside themselves on a phone.
    static func figure(title: String, drawing: String, caption: String, wide: Bool = true) -> String {
        "<figure\(wide ? " class=\"wide\"" : "")><p class=\"chart-title\">\(HTML.escape(title))</p>\(drawing)"
            + "<figcaption>\(HTML.escape(caption))</figcaption></figure>\n"
    }
}

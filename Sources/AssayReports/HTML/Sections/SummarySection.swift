/// The first screen: the headline figure, then each question leaders ask answered in plain
/// sentences (`LeadersSummary`), then how to read the figures and the contents.
extension HTMLReport {
    func summarySection(_ summary: LeadersSummary) -> String {
        var content = Self.answers(headline: summary.headline, summary.answers)
        content += "<h3 id=\"reading-guide\">How to read the figures</h3>\n" + ReadingGuide.render(self)
        content += "<nav class=\"contents\" aria-label=\"Contents\"><h3>Contents</h3><ol>"
        for (id, name) in Self.sections {
            content += "<li><a href=\"#\(id)\">\(HTML.escape(name))</a></li>"
        }
        content += "</ol></nav>\n"
        return PageSection.render(id: "summary", heading: "Summary", content: content)
    }

    /// The headline figure, then each question with its answer: the first screen of the
    /// full page and of the public one (`renderPublic`).
    static func answers(headline: LeadersSummary.Headline?, _ answers: [LeadersSummary.Answer]) -> String {
        var content = ""
        if let headline {
            content += "<div class=\"headline\" id=\"headline\"><span class=\"value\">\(HTML.escape(headline.value))</span>"
                + "<span class=\"label\">\(HTML.escape(headline.label))</span>"
                + "<span class=\"detail\">\(HTML.escape(headline.detail))</span></div>\n"
        }
        for answer in answers {
            content += "<div class=\"answer\" id=\"answer-\(answer.id)\">\n<h3>\(HTML.escape(answer.question))</h3>\n"
                + PageSection.paragraphs(answer.sentences) + "</div>\n"
        }
        return content
    }

    /// The sections after the summary, in page order: (id, heading in the contents).
    static let sections = [
        ("about", "About these figures"), ("teams", "Teams: who stands out"), ("localities", "Localities"), ("travel", "Direction of travel"),
        ("domains", "Domains: where practice falls short"), ("actions", "Actions: are they done?"), ("month", "The month by team"),
    ]
}

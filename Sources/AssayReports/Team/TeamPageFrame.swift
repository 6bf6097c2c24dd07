/// The HTML report's page frame (style, print margins, running header) for other pages: one
/// team's page for the team manager's meeting (`report team TEAM --html FILE`).
public enum TeamPageFrame {
    /// A whole document around `body` (HTML already escaped).
    public static func document(title: String, body: String, running: (left: String, right: String, footer: String)) -> String {
        HTML.document(title: title, body: body, running: running)
    }

    /// Text escaped for HTML.
    public static func escape(_ text: String) -> String { HTML.escape(text) }
}

import Foundation

/// The words psql and sqlite3 users type to leave or ask for help — `\q`, `.quit`, `.exit`,
/// `?`, `\?`, `.help` — read as the Assay commands they mean (`quit`, `help`). A line holding
/// only one of them is read before it is split into words: a shell would read `\q` as `q`.
enum MetaCommands {
    static let meanings: [String: [String]] = [
        "\\q": ["quit"], "\\quit": ["quit"], ".quit": ["quit"], ".exit": ["quit"], ".q": ["quit"],
        "?": ["help"], "\\?": ["help"], ".help": ["help"], "\\h": ["help"], "\\help": ["help"],
    ]

    /// The command `line` stands for, or nil when it is not one of these words.
    static func words(for line: String) -> [String]? {
        meanings[line.trimmingCharacters(in: .whitespaces)]
    }
}

// libyaml itself, as Yams vendors it: Yams has no way to see a document's events without
// building its nodes, and building them is what must not happen here.
import CYaml

/// Finds YAML aliases (`*name`) before Yams reads a file.
///
/// Yams copies the node an alias names into every place it is used, so nine lines of
/// `b: &b [*a, *a, …]` stand for a billion nodes. As values they multiply the loaders' work
/// (a section aliased a thousand times, each with a thousand aliased questions); as a key,
/// Yams hashes the whole expanded tree to check for duplicates and never finishes. Found by
/// the property tests of docs/fuzzing.md. Templates and answers files have no need of
/// aliases, so the loaders refuse them, naming the line, before Yams sees the text.
public enum YAMLAliases {
    /// The problem reported on the alias's line.
    public static let refusal = "an alias (*name) repeats an anchored value; aliases are not allowed here: write the value out in full"

    /// The line (1-based) of the first alias in `text`; nil when there is none, or when the
    /// text is not well-formed YAML before one (Yams then reports the error).
    public static func firstAliasLine(in text: String) -> Int? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type
                let line = Int(event.start_mark.line) + 1
                yaml_event_delete(&event)
                if type == YAML_ALIAS_EVENT { return line }
                if type == YAML_STREAM_END_EVENT { return nil }
            }
            return nil
        }
    }
}

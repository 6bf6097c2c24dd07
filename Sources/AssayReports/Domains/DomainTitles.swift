/// The titles people read for domains, which reports tally by section id (docs/reports.md,
/// "Domains across templates").
///
/// A domain is a section id: every template's `oversight` section is one domain, its grades
/// counted together whichever template graded them, so that "management oversight" can be
/// compared across services. Templates may title the same id differently (the shipped ones
/// call `oversight` "Management oversight and supervision" in two templates and something
/// longer in two others), so each id needs one title to print, chosen by a rule anyone can
/// check: the title most templates give it (each template by its latest version), ties going
/// to the template whose id sorts first. The other titles are kept, so a report can say that
/// a domain gathers sections titled differently, and so a reader may name a domain by any of
/// them.
public struct DomainTitles: Sendable, Equatable {
    /// One title a section id goes by, and the templates (ids) that give it.
    public struct Variant: Sendable, Equatable {
        public let title: String
        public let templates: [String]
    }

    /// Section id → its titles, the printed one first, then by how many templates use them.
    public let variants: [String: [Variant]]

    /// - Parameter templates: each template id with its sections as (id, title), the latest
    ///   version's first; a section only older versions have comes after, with the title of
    ///   the latest version that has it (its id still appears in older audits).
    public init(templates: [(id: String, sections: [(id: String, title: String)])]) {
        var users: [String: [String: [String]]] = [:]  // section id → title → template ids
        for template in templates.sorted(by: { $0.id < $1.id }) {
            var seen: Set<String> = []
            for section in template.sections where seen.insert(section.id).inserted {
                users[section.id, default: [:]][section.title, default: []].append(template.id)
            }
        }
        variants = users.mapValues { titles in
            titles.map { Variant(title: $0.key, templates: $0.value) }.sorted { a, b in
                a.templates.count != b.templates.count ? a.templates.count > b.templates.count : a.templates[0] < b.templates[0]
            }
        }
    }

    /// Section id → the title to print.
    public var titles: [String: String] { variants.compactMapValues { $0.first?.title } }

    /// The title to print for `id`; the id itself when no registered template has it
    /// (a domain only imported history carries).
    public func title(of id: String) -> String { variants[id]?.first?.title ?? id }

    /// The section id `text` names: an id in any case, or any title it goes by; nil when it
    /// names none, or a title two ids share.
    public func id(naming text: String) -> String? {
        let wanted = text.lowercased()
        if let id = variants.keys.first(where: { $0.lowercased() == wanted }) { return id }
        let byTitle = variants.filter { $0.value.contains { $0.title.lowercased() == wanted } }.keys
        return byTitle.count == 1 ? byTitle.first : nil
    }

    /// For a footnote: which of `domains` gather sections that templates title differently,
    /// and under what titles; nil when none do.
    public func combinedNote(for domains: some Sequence<String>) -> String? {
        let combined = Set(domains).filter { (variants[$0]?.count ?? 0) > 1 }.sorted()
        guard !combined.isEmpty else { return nil }
        let listed = combined.map { id in
            "\(title(of: id)) also counts " + variants[id]!.dropFirst().map { "\"\($0.title)\" (\($0.templates.joined(separator: ", ")))" }
                .joined(separator: " and ")
        }
        return "A domain is a section id, counted together across templates: " + listed.joined(separator: "; ") + "."
    }
}

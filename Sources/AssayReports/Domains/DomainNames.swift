import AssayStore
import AssayTemplates

/// What people call a domain: the title of its template section, not its id.
///
/// Reports combine domains by section id across templates (`oversight` is a section of every
/// template), and templates may title the same id differently ("Management oversight and
/// supervision" in one, "Management oversight and recording" in another). One name has to
/// stand for the combined domain, so:
///
/// 1. one title among the templates: that title;
/// 2. several, where one is the beginning of all the others ("Timeliness", "Timeliness and
///    the child's journey"): that shortest one;
/// 3. several that begin with the same two or more words, not counting "the", "a", "of" and
///    "and" ("Management oversight and supervision", "Management oversight and recording"):
///    those shared words ("Management oversight");
/// 4. otherwise every title, in template order, joined by " / " ("Risk and vulnerability /
///    Identification and analysis of risk"), so no reader takes one template's meaning for
///    all of them;
/// 5. a domain no registered template has (imported history's own columns): its id.
///
/// docs/reports.md ("`report html`", names) states the rule for readers.
public struct DomainNames: Sendable, Equatable {
    /// Section id → the name to print.
    public let names: [String: String]
    /// Section id → every title the templates give it, in template order.
    public let titles: [String: [String]]

    /// No titles: every domain is named by its id.
    public init() {
        names = [:]
        titles = [:]
    }

    /// From each template's sections, templates in the order given (`(section id, title)`
    /// pairs per template).
    public init(templates: [[(id: String, title: String)]]) {
        var titles: [String: [String]] = [:]
        for sections in templates {
            for section in sections where !(titles[section.id] ?? []).contains(section.title) {
                titles[section.id, default: []].append(section.title)
            }
        }
        self.titles = titles
        names = titles.mapValues(Self.combined)
    }

    /// The titles of the latest version of every registered template, templates by id. A
    /// template that cannot be read leaves its sections to the others (or to their ids):
    /// names are for people, and must never stop a report.
    public init(store: Store) {
        var templates: [[(id: String, title: String)]] = []
        var seen: Set<String> = []
        for id in ((try? store.registeredTemplates()) ?? []).map(\.templateID) where seen.insert(id).inserted {
            guard let template = try? store.template(id: id) else { continue }
            templates.append(template.sections.map { ($0.id, $0.title) })
        }
        self.init(templates: templates)
    }

    /// The domain's name for people.
    public func name(_ domain: String) -> String { names[domain] ?? domain }

    /// True when templates title the domain differently (the name then combines them).
    public func isCombined(_ domain: String) -> Bool { (titles[domain]?.count ?? 0) > 1 }

    /// Words that do not count towards a shared beginning.
    static let minorWords: Set<String> = ["the", "a", "an", "of", "and", "or", "to", "in", "for", "with"]

    /// One name for several titles of one section id (rules 1–4 above).
    static func combined(_ titles: [String]) -> String {
        guard titles.count > 1, let shortest = titles.min(by: { $0.count < $1.count }) else { return titles.first ?? "" }
        let words = titles.map { $0.split(separator: " ").map(String.init) }
        let shortestWords = shortest.split(separator: " ").map(String.init)
        if words.allSatisfy({ Array($0.prefix(shortestWords.count)) == shortestWords }) { return shortest }
        var shared: [String] = []
        for (i, word) in words[0].enumerated() {
            guard words.allSatisfy({ $0.count > i && $0[i] == word }) else { break }
            shared.append(word)
        }
        // The shared words end on a word of substance, not on "and" or a comma.
        while let last = shared.last, minorWords.contains(last.lowercased()) { shared.removeLast() }
        if let last = shared.last, last.hasSuffix(",") { shared[shared.count - 1] = String(last.dropLast()) }
        if shared.filter({ !minorWords.contains($0.lowercased()) }).count >= 2 { return shared.joined(separator: " ") }
        return titles.joined(separator: " / ")
    }
}

import AssayCore
import AssayStore
import Foundation

/// People and teams named on a command line that parsed, checked against the database
/// before the command runs: a name that is nobody's, but close to someone's, is refused with
/// "did you mean" (`--auditor "Ash Auditer"` → "Ash Auditor"), and a name typed without
/// quotes that the next word would complete (`sample --auditor Ash Auditor`) is refused with
/// the quotes put in. A name that is close to nothing is left to the command, which says
/// what it says of an unknown name (a filter lists nothing; `assign` names who may add them).
struct NameCheck {
    enum Kind { case person, team }

    /// Where a name is typed: a command path and an option spelling, or a positional's index.
    struct Slot: Hashable {
        let path: String
        let option: String?
        let position: Int?
        let commaList: Bool
    }

    /// The people and teams a command names. `people add --team` is left out: a lead may give
    /// a team no register names yet; so is `challenge --by`: the practitioner who challenges
    /// an audit of their case need not be one of the database's people.
    static let slots: [Slot: Kind] = [
        Slot(path: "sample", option: "--auditor", position: nil, commaList: false): .person,
        Slot(path: "audits", option: "--auditor", position: nil, commaList: false): .person,
        Slot(path: "assign", option: "--auditors", position: nil, commaList: true): .person,
        Slot(path: "audits", option: "--team", position: nil, commaList: false): .team,
        Slot(path: "actions", option: "--team", position: nil, commaList: false): .team,
        Slot(path: "challenges", option: "--team", position: nil, commaList: false): .team,
        Slot(path: "report evidence", option: "--team", position: nil, commaList: false): .team,
        Slot(path: "report actions", option: "--team", position: nil, commaList: false): .team,
        Slot(path: "report team", option: nil, position: 0, commaList: false): .team,
    ]

    let catalog: CommandCatalog
    /// Known names of each kind, read only when a command names one.
    let known: (Kind) -> [String]

    /// The problem with the names in `words`, or nil.
    func problem(in words: [String]) -> AssayFailure? {
        var command = catalog.root
        var path: [String] = []
        var index = 0
        var position = 0
        var named: [(slot: Slot, value: String, index: Int)] = []
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("-"), word.count > 1, Double(word) == nil {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                guard let argument = catalog.options(of: command).first(where: { $0.spellings.contains(name) }) else { return nil }
                if argument.kind != "option" { index += 1; continue }
                let inline = word.contains("=")
                let valueIndex = inline ? index : index + 1
                guard valueIndex < words.count else { return nil }
                let value = inline ? String(word.dropFirst(name.count + 1)) : words[valueIndex]
                if let slot = Self.slot(path: path, option: argument.spellings) {
                    named.append((slot, value, inline ? -1 : valueIndex))
                }
                index = valueIndex + 1
                continue
            }
            if position == 0, command.subcommands?.isEmpty == false {
                if let sub = catalog.subcommand(named: word, of: command) {
                    command = sub; path.append(sub.commandName); index += 1; continue
                }
                if let fallback = catalog.defaultSubcommand(of: command) {
                    command = fallback; path.append(fallback.commandName); continue
                }
                return nil
            }
            let slot = Slot(path: path.joined(separator: " "), option: nil, position: position, commaList: false)
            if Self.slots[slot] != nil { named.append((slot, word, index)) }
            position += 1
            index += 1
        }
        for (slot, value, valueIndex) in named {
            guard let kind = Self.slots[slot] else { continue }
            let candidates = known(kind)
            guard !candidates.isEmpty else { continue }
            let values = slot.commaList ? value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : [value]
            for name in values where !name.isEmpty && !candidates.contains(where: { $0.lowercased() == name.lowercased() }) {
                if let fixed = quoted(words, at: valueIndex, candidates: candidates, commaList: slot.commaList) {
                    return AssayFailure.usage("\"\(words[valueIndex + 1])\" is one word too many. A name with spaces goes in quotes: \(fixed)")
                }
                if let question = DidYouMean.sentence(for: name, among: candidates) {
                    let noun = kind == .person ? "not one of this database's people" : "no such team"
                    return AssayFailure.notFound("\(label(slot, name)): \(noun). \(question)")
                }
            }
        }
        return nil
    }

    /// The value, and the following words up to the next option, read as one name, when that
    /// name is known: the command with the name quoted.
    private func quoted(_ words: [String], at index: Int, candidates: [String], commaList: Bool) -> String? {
        guard index >= 0 else { return nil }
        var end = index
        while end + 1 < words.count, !words[end + 1].hasPrefix("-") {
            end += 1
            let joined = words[index...end].joined(separator: " ")
            let last = commaList ? String(joined.split(separator: ",").last ?? "").trimmingCharacters(in: .whitespaces) : joined
            if let known = candidates.first(where: { $0.lowercased() == last.lowercased() }) {
                let name = commaList ? joined.dropLast(last.count) + known : known
                let fixed = words[..<index].map(DidYouMean.quoted) + [DidYouMean.quoted(String(name))] + words[(end + 1)...].map(DidYouMean.quoted)
                return fixed.joined(separator: " ")
            }
        }
        return nil
    }

    private func label(_ slot: Slot, _ value: String) -> String {
        if let option = slot.option { return "\(option) \(DidYouMean.quoted(value))" }
        return "\(slot.path) \(DidYouMean.quoted(value))"
    }

    private static func slot(path: [String], option spellings: [String]) -> Slot? {
        let joined = path.joined(separator: " ")
        return slots.keys.first { $0.path == joined && $0.option.map(spellings.contains) == true }
    }

    /// The check for a session: names from the database it has open, or opens (it exists,
    /// or the command would not run); no check when it cannot be opened.
    static func forSession(_ session: Session) -> NameCheck {
        NameCheck(catalog: .shared) { kind in
            let store: Store? = session.storeIfOpen
                ?? (FileManager.default.fileExists(atPath: session.databasePath) ? try? session.store() : nil)
            guard let store else { return [] }
            let vocabulary = Vocabulary(store: store)
            return (try? kind == .person ? vocabulary.auditorNames() : vocabulary.teams()) ?? []
        }
    }
}

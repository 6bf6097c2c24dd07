import AssayTemplates

/// Where a guided pass stands: a question (by index), or the summary after the last.
enum GuidedPlace: Equatable {
    case question(Int)
    case summary
}

/// The moving keys every guided screen shares (the audit and the moderator's blind pass):
/// `h`, `w`/`q`, `v`, `b` and `j N`. One place, so both passes read keys alike.
enum GuidedNavigation {
    enum Move: Equatable {
        case leave
        /// Stay on this screen without drawing it again.
        case stay
        case move(GuidedPlace)
    }

    /// What `line` does at `place`, or nil when it is not one of the shared keys. Writes
    /// `help` for `h`, and a one-line hint for a jump out of range or `b` at the start.
    static func move(_ line: String, at place: GuidedPlace, questions count: Int, help: String,
                     write: (String) -> Void) -> Move? {
        switch line {
        case "h", "help":
            write(help)
            return .stay
        case "w", "q":
            return .leave
        case "v":
            return .move(.summary)
        case "b":
            switch place {
            case .question(0):
                write("This is the first question.\n")
                return .stay
            case .question(let index): return .move(.question(index - 1))
            case .summary: return .move(.question(count - 1))
            }
        default:
            guard line.hasPrefix("j") else { return nil }
            let target = line.dropFirst().trimmingCharacters(in: .whitespaces)
            guard let number = Int(target), (1...count).contains(number) else {
                write("Jump with j N, N from 1 to \(count).\n")
                return .stay
            }
            return .move(.question(number - 1))
        }
    }
}

extension GuidedNavigation {
    /// `y` or `n` typed at a question that is not yes/no: what they mean, and the evidence
    /// key (a bare `n` opened the evidence editor before; docs/audits.md). Nil otherwise.
    static func yesNoHint(_ line: String, kind: TemplateQuestion.Kind) -> String? {
        guard kind != .yesNo, ["y", "n"].contains(line.lowercased()) else { return nil }
        return "\"\(line)\" means \(line.lowercased() == "y" ? "yes" : "no") at a yes/no question, and this one is not; nothing was saved. "
            + "Evidence is e. h lists the keys.\n"
    }
}

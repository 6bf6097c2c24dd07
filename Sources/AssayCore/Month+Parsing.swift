/// Reading a month a person typed, with the exact problem when it is not one: every command
/// that takes a month (`month`, `--month`, `--from`, `--to`, `assign MONTH`, …) reads it here,
/// so `2026-13` is always "there is no month 13", never a bare "write it as YYYY-MM".
extension Month {
    /// The month `text` names, or what is wrong with it, in words that say how to fix it.
    public static func parse(_ text: String) -> Result<Month, MonthTextProblem> {
        if let month = Month(text) { return .success(month) }
        return .failure(MonthTextProblem(reason: reason(text.trimmingCharacters(in: .whitespaces))))
    }

    private static func reason(_ text: String) -> String {
        if text.isEmpty { return "give a month as YYYY-MM, such as 2026-11" }
        if let month = Month(text) { return "write it without spaces: \(month)" }
        let digitsAndDashes = text.allSatisfy { ("0"..."9").contains($0) || $0 == "-" }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if digitsAndDashes, parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) {
            return "that is a date; a month is written YYYY-MM: \(Month(year: max(1, year), month: m)!)"
        }
        if digitsAndDashes, parts.count == 2, let year = Int(parts[0]), let m = Int(parts[1]), !parts[1].isEmpty {
            if parts[0].count != 4 {
                if parts[0].count == 2, (1...12).contains(year), parts[1].count == 4 {
                    return "write the year first: \(parts[1])-\(parts[0])"
                }
                return "write the year with four digits, as YYYY-MM (2026-11)"
            }
            if year == 0 { return "there is no year 0000" }
            if !(1...12).contains(m) { return "there is no month \(parts[1]); months run from 01 to 12" }
            if parts[1].count == 1 { return "write the month with two digits: \(Month(year: year, month: m)!)" }
            return "write the month with two digits, as YYYY-MM"
        }
        let separators = text.filter { "/. _".contains($0) }
        let numbers = text.split(whereSeparator: { "/. _".contains($0) }).map(String.init)
        if !separators.isEmpty, numbers.count == 2, numbers.allSatisfy({ $0.allSatisfy(\.isNumber) }),
           let a = Int(numbers[0]), let b = Int(numbers[1]) {
            if numbers[0].count == 4, let month = Month(year: a, month: b) { return "write it with a hyphen: \(month)" }
            if numbers[1].count == 4, let month = Month(year: b, month: a) { return "write the year first, with a hyphen: \(month)" }
        }
        if let named = namedMonth(text) { return "write it as YYYY-MM: \(named)" }
        return "write a month as YYYY-MM, such as 2026-11"
    }

    /// `November 2026`, `nov-2026`, `2026 Nov`: a month name (or its first three letters) and a year.
    private static func namedMonth(_ text: String) -> Month? {
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard words.count == 2 else { return nil }
        for (name, year) in [(words[0], words[1]), (words[1], words[0])] {
            guard name.count >= 3, let index = names.firstIndex(of: String(name.prefix(3))),
                  year.count == 4, let y = Int(year) else { continue }
            return Month(year: y, month: index + 1)
        }
        return nil
    }
}

/// Why some text is not a month: `reason` completes "MONTH: …".
public struct MonthTextProblem: Error, Equatable, Sendable {
    public let reason: String
}

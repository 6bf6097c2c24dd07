/// Recognises register columns that look like personal data about a child or family, by
/// their header: names, dates of birth, addresses, postcodes, NHS numbers. Sampling and
/// reporting need none of these, so `--keep` of one is refused unless the lead adds
/// `--allow-personal-data`, and the frame records which were kept that way.
///
/// A header is split into lower-case words (at spaces, underscores, hyphens, dots and
/// camelCase); a column looks personal when its words match one of the patterns below. It
/// errs towards asking: a wrongly flagged column costs one flag.
enum PersonalDataColumn {
    /// What the column looks like ("a name", "a postcode"), or nil.
    static func kind(of header: String) -> String? {
        let words = Self.words(header)
        let joined = words.joined()
        if joined.contains("nhs") || joined.contains("chinumber") { return "an NHS or health number" }
        if joined.contains("postcode") || joined.contains("zipcode") || words.contains("zip") { return "a postcode" }
        if joined.contains("dateofbirth") || words.contains("dob") || words.contains("birth") || joined.contains("birthdate") || words.contains("birthday") {
            return "a date of birth"
        }
        if joined.contains("address") || words.contains("street") || words.contains("addr") { return "an address" }
        let names: Set<String> = ["name", "names", "surname", "forename", "forenames", "firstname", "lastname", "fullname", "middlename", "familyname", "givenname"]
        if words.contains(where: names.contains) || names.contains(where: { joined.hasSuffix($0) && $0 != "name" }) { return "a name" }
        return nil
    }

    static func words(_ header: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in header {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousWasLower, !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousWasLower = character.isLowercase
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// Recognises register columns that look like personal data about a child or family, by
/// their header: names, dates of birth, addresses, postcodes, phone numbers, email
/// addresses, and the numbers that identify a person (NHS, UPN, ULN, National Insurance).
/// Sampling and reporting need none of these, so `--keep` of one is refused unless the lead
/// adds `--allow-personal-data`, and the frame records which were kept that way.
///
/// A header is normalised first: split into lower-case words at anything that is not a
/// letter or digit (spaces, underscores, hyphens, dots, apostrophes) and at camelCase, so
/// `D.O.B.`, `date_of_birth`, `DateOfBirth` and `Date of Birth` all read alike. A column looks
/// personal when one of its words, or a run of neighbouring words written together
/// (`d o b` → `dob`, `post code` → `postcode`, `e mail` → `email`), is one of the terms
/// below (docs/register.md lists them). It errs towards asking: a wrongly flagged column
/// costs one flag.
enum PersonalDataColumn {
    /// The kinds, most specific first (an "email address" is an email, not an address), each
    /// with the terms that mark it and the suffixes that mark it at the end of a header
    /// written as one word (`childsurname`, `homepostcode`).
    static let kinds: [(kind: String, terms: Set<String>, suffixes: [String])] = [
        ("an NHS or health number", ["nhs", "nhsno", "nhsnumber", "chinumber", "chino", "healthnumber"], ["nhsnumber", "nhsno"]),
        ("a National Insurance number", ["nino", "ninumber", "nationalinsurance", "nationalinsuranceno", "nationalinsurancenumber", "insurancenumber"],
         ["ninumber", "nationalinsurancenumber"]),
        ("a unique pupil number (UPN)", ["upn", "uniquepupilnumber", "pupilnumber", "pupilno"], ["upn", "pupilnumber"]),
        ("a unique learner number (ULN)", ["uln", "uniquelearnernumber", "learnernumber", "learnerno"], ["uln", "learnernumber"]),
        ("an email address", ["email", "emails", "emailaddress"], ["email", "emailaddress"]),
        ("a phone number", ["phone", "phones", "telephone", "tel", "telno", "phoneno", "phonenumber", "mobile", "mobileno",
                            "mobilenumber", "mobno", "landline", "contactnumber"], ["phone", "telephone", "phoneno", "phonenumber", "mobile", "telno"]),
        ("a postcode", ["postcode", "postcodes", "postalcode", "zip", "zipcode", "postcodezip"], ["postcode", "postalcode", "zipcode"]),
        ("a date of birth", ["dob", "dateofbirth", "birthdate", "birthday", "birth", "birthdt", "dateofbirthdob"], ["dob", "dateofbirth", "birthdate"]),
        ("an address", ["address", "addresses", "addr", "street", "addressline", "homeaddress", "streetname", "houseno", "housenumber"],
         ["address", "addressline"]),
        ("a name", ["name", "names", "surname", "surnames", "forename", "forenames", "firstname", "firstnames", "lastname",
                    "fullname", "middlename", "middlenames", "familyname", "givenname", "givennames", "childname", "childsname",
                    "preferredname", "maidenname", "knownas"],
         ["surname", "forename", "forenames", "firstname", "lastname", "fullname", "middlename", "familyname", "givenname", "childname"]),
    ]

    /// What the column looks like ("a name", "a postcode"), or nil.
    static func kind(of header: String) -> String? {
        let words = Self.words(header)
        guard !words.isEmpty else { return nil }
        var runs = Set<String>()
        for start in words.indices {
            var run = ""
            for word in words[start...] {
                run += word
                runs.insert(run)
            }
        }
        let joined = words.joined()
        for (kind, terms, suffixes) in kinds {
            if !runs.isDisjoint(with: terms) || suffixes.contains(where: joined.hasSuffix) { return kind }
        }
        if ["nhs", "postcode", "dateofbirth", "email"].contains(where: joined.contains) {
            return fallbackKind(joined)
        }
        return nil
    }

    /// A header written as one word that holds a term in its middle (`childnhsnumberverified`).
    private static func fallbackKind(_ joined: String) -> String? {
        if joined.contains("nhs") { return kinds[0].kind }
        if joined.contains("email") { return kinds[4].kind }
        if joined.contains("postcode") { return kinds[6].kind }
        return kinds[7].kind
    }

    /// The header in lower-case words: split at every character that is not a letter or a
    /// digit, where a capital follows a small letter (`birthDate` → birth, date), and
    /// between letters and digits (`Addr1` → addr, 1).
    static func words(_ header: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false, previousWasDigit = false
        for character in header {
            if character.isLetter || character.isNumber {
                let startsWord = (character.isUppercase && previousWasLower) || (character.isNumber != previousWasDigit)
                if startsWord, !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousWasLower = character.isLowercase
                previousWasDigit = character.isNumber
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                previousWasDigit = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

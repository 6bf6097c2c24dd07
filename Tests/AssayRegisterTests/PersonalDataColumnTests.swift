@testable import AssayRegister
import Testing

@Suite struct PersonalDataColumnTests {
    @Test(arguments: [
        ("Surname", "a name"), ("child_first_name", "a name"), ("FullName", "a name"), ("Mother's name", "a name"), ("name", "a name"),
        ("DOB", "a date of birth"), ("Date of birth", "a date of birth"), ("birthDate", "a date of birth"),
        ("Address line 1", "an address"), ("home_address", "an address"), ("Street", "an address"),
        ("Postcode", "a postcode"), ("post_code", "a postcode"), ("NHS number", "an NHS or health number"), ("nhsNo", "an NHS or health number"),
    ])
    func looksPersonal(header: String, kind: String) {
        #expect(PersonalDataColumn.kind(of: header) == kind)
    }

    /// Issue 16: spellings that slipped through, found once the header is normalised (case,
    /// punctuation, spaces, underscores) and the missing kinds are known.
    @Test(arguments: [
        ("D.O.B.", "a date of birth"), ("d.o.b", "a date of birth"), ("Child DOB", "a date of birth"), ("ChildDOB", "a date of birth"),
        ("Birth date", "a date of birth"), ("date_of_birth", "a date of birth"), ("DATE-OF-BIRTH", "a date of birth"), ("DateOfBirth", "a date of birth"),
        ("Postal code", "a postcode"), ("postal_code", "a postcode"), ("POST CODE", "a postcode"), ("Zip", "a postcode"), ("zip code", "a postcode"),
        ("UPN", "a unique pupil number (UPN)"), ("Unique Pupil Number", "a unique pupil number (UPN)"), ("former_upn", "a unique pupil number (UPN)"),
        ("ULN", "a unique learner number (ULN)"), ("Unique learner number", "a unique learner number (ULN)"),
        ("NHS_No", "an NHS or health number"), ("N.H.S. number", "an NHS or health number"),
        ("Phone", "a phone number"), ("Telephone", "a phone number"), ("Tel", "a phone number"), ("Tel. No.", "a phone number"),
        ("Mobile", "a phone number"), ("mobile_number", "a phone number"), ("HomePhone", "a phone number"), ("Contact number", "a phone number"),
        ("Email", "an email address"), ("E-mail", "an email address"), ("e_mail address", "an email address"), ("Parent email", "an email address"),
        ("Address Line 2", "an address"), ("ADDRESS_LINE_3", "an address"), ("Addr1", "an address"),
        ("First name", "a name"), ("Last Name", "a name"), ("FORENAME", "a name"), ("Child name", "a name"), ("childsurname", "a name"),
        ("NI number", "a National Insurance number"), ("NINo", "a National Insurance number"), ("NI_No", "a National Insurance number"),
        ("National Insurance Number", "a National Insurance number"),
    ])
    func looksPersonalWhateverTheSpelling(header: String, kind: String) {
        #expect(PersonalDataColumn.kind(of: header) == kind, "\(header)")
    }

    @Test(arguments: ["legal_status", "Primary need", "Allocated date", "ethnicity_code", "school_type", "Disability flag", "Named plan type",
                      "Mobility needs", "Hotel placement", "Telecare", "Plan type", "Unit", "Legal status date", "Number of placements",
                      "Pupil premium", "Learner status"])
    func doesNotLookPersonal(header: String) {
        #expect(PersonalDataColumn.kind(of: header) == nil, "\(header)")
    }
}

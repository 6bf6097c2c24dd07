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

    @Test(arguments: ["legal_status", "Primary need", "Allocated date", "ethnicity_code", "school_type", "Disability flag", "Named plan type"])
    func doesNotLookPersonal(header: String) {
        #expect(PersonalDataColumn.kind(of: header) == nil)
    }
}

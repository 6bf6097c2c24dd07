import AssayCore
import AssaySamples
import Foundation
import Testing

/// The broken register really holds each advertised defect at the advertised line, and
/// nothing else is wrong.
@Suite struct BrokenRegisterTests {
    static let records = try! StrictCSV.records(BrokenRegister.bytes())

    static func record(at line: Int) -> StrictCSV.Record? {
        records.first { $0.line == line }
    }

    static let column = ["case_id": 0, "team": 1, "locality": 2, "service": 3, "worker": 4, "opened": 5]

    /// What a checker finds on one record, judged field by field as an importer would.
    static func findings(_ record: StrictCSV.Record, earlierIDs: [String: Int], asOf: CalendarDate)
        -> [(kind: BrokenRegister.Defect.Kind, field: String?)]
    {
        guard record.fields.count == 8 else { return [(.wrongFieldCount, nil)] }
        var found: [(BrokenRegister.Defect.Kind, String?)] = []
        var text: [String: String] = [:]
        for (name, index) in column {
            guard let s = String(validating: record.fields[index], as: UTF8.self) else {
                found.append((.invalidUTF8, name))
                continue
            }
            text[name] = s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for name in ["case_id", "team", "locality"] where text[name]?.isEmpty == true {
            found.append((.missingRequiredField, name))
        }
        if let id = text["case_id"], earlierIDs[id] != nil { found.append((.duplicateCaseID, "case_id")) }
        if let service = text["service"], !service.isEmpty, Service(matching: service) == nil {
            found.append((.unknownService, "service"))
        }
        if let opened = text["opened"], !opened.isEmpty {
            if let date = CalendarDate(parsing: opened) {
                if date > asOf { found.append((.openedAfterAsOf, "opened")) }
            } else {
                let parts = opened.split(separator: "/")
                let swapped = parts.count == 3 ? CalendarDate(parsing: "\(parts[1])/\(parts[0])/\(parts[2])") : nil
                found.append((swapped == nil ? .unparsableDate : .monthFirstDate, "opened"))
            }
        }
        return found
    }

    @Test func eachAdvertisedDefectIsThereAndNothingElseIsWrong() throws {
        var firstLineOfID: [String: Int] = [:]
        var found: [(line: Int, kind: BrokenRegister.Defect.Kind, field: String?)] = []
        for record in Self.records.dropFirst() {
            for f in Self.findings(record, earlierIDs: firstLineOfID, asOf: BrokenRegister.asOf) {
                found.append((record.line, f.kind, f.field))
            }
            let id = String(decoding: record.fields[0], as: UTF8.self)
            if firstLineOfID[id] == nil { firstLineOfID[id] = record.line }
        }
        let advertised = BrokenRegister.defects.map { "\($0.line) \($0.kind) \($0.field ?? "-")" }
        #expect(found.map { "\($0.line) \($0.kind) \($0.field ?? "-")" } == advertised)
    }

    @Test func everyKindOfDefectIsPresentOnceOrMore() {
        #expect(Set(BrokenRegister.defects.map(\.kind)) == Set(BrokenRegister.Defect.Kind.allCases))
        #expect(Set(BrokenRegister.defects.map(\.line)).count == BrokenRegister.defects.count, "one defect per row")
    }

    @Test func theAdvertisedLinesAndFields() {
        let expected: [(Int, String?, BrokenRegister.Defect.Kind)] = [
            (4, "team", .missingRequiredField), (6, "opened", .unparsableDate), (9, "service", .unknownService),
            (11, "opened", .monthFirstDate), (13, nil, .wrongFieldCount), (15, "case_id", .duplicateCaseID),
            (17, "team", .invalidUTF8), (21, "opened", .unparsableDate), (23, "opened", .openedAfterAsOf),
            (26, "locality", .missingRequiredField),
        ]
        #expect(BrokenRegister.defects.map { "\($0.line) \($0.field ?? "-") \($0.kind)" }
                == expected.map { "\($0.0) \($0.1 ?? "-") \($0.2)" })
    }

    @Test func theSpecificValuesAreThere() throws {
        func field(_ line: Int, _ index: Int) -> String? {
            Self.record(at: line).map { String(decoding: $0.fields[index], as: UTF8.self) }
        }
        #expect(field(6, 5) == "31/02/2025")
        #expect(field(21, 5) == "2025-13-01")
        #expect(field(11, 5) == "11/25/2024")
        #expect(field(9, 3) == "Youth Justice")
        #expect(field(4, 1) == "")
        #expect(field(15, 0) == field(7, 0))
        let team = try #require(Self.record(at: 17)).fields[1]
        #expect(team.suffix(2) == [0xC3, 0x28])
        #expect(Self.record(at: 13)?.fields.count == 7)
    }

    @Test func cleanRowsAreCleanAndIncludeTheEdges() {
        #expect(!BrokenRegister.cleanLines.isEmpty)
        let all = Set(BrokenRegister.cleanLines).union(BrokenRegister.defects.map(\.line))
        #expect(all == Set(Self.records.dropFirst().map(\.line)))
        #expect(Self.records.count - 1 >= 25 && Self.records.count - 1 <= 35, "about thirty rows")
        // The two-line worker pushes later records one line down.
        #expect(Self.record(at: 18)?.fields[4] == Array("Bea Marchbank\n(covering)".utf8))
        #expect(Self.record(at: 19) == nil)
        // A clean row opened on the as-of date itself.
        #expect(BrokenRegister.cleanLines.contains { line in
            Self.record(at: line).map { String(decoding: $0.fields[5], as: UTF8.self) } == "01/11/2026"
        })
    }
}

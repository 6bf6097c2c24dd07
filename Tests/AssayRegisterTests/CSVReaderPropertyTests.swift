import AssayCore
@testable import AssayRegister
import Foundation
import Testing

/// Properties of the CSV reader and the register import's checks (docs/fuzzing.md), over
/// seeded inputs: a few thousand mutations of real registers are each read to the end and
/// either accepted or rejected with the file and a line for every problem; and random
/// well-formed CSV reads back exactly the fields it was written from.
@Suite struct CSVReaderPropertyTests {
    static let file = "register.csv"
    let dir = TemporaryDirectory()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Real registers: the shipped broken one, the head of the sample register, and a small
    /// one with a byte-order mark, CRLF, quotes and a quoted line break.
    static func seeds() throws -> [[UInt8]] {
        let broken = try Array(Data(contentsOf: repository.appendingPathComponent("Samples/register-broken.csv")))
        let sample = try String(contentsOf: repository.appendingPathComponent("Samples/register-2026-11.csv"), encoding: .utf8)
        let head = sample.split(separator: "\n", omittingEmptySubsequences: false).prefix(15).joined(separator: "\n") + "\n"
        let lines = [
            "case_id,team,locality,service,worker,opened,note",
            #"A1,"Front Door, North",Central,front-door,Wyn Worker,2026-10-01,"said ""no""""#,
            #"A2,CP North,North,child-protection,,01/09/2026,"two"# + "\r\n" + #"lines""#,
            #"A3,CP North,North,Care leaver,Wyn Worker,,5" screen"#,
        ]
        let small = [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        return [broken, Array(head.utf8), small]
    }

    /// What `RegisterImporter.importFile` does before it writes: read every record, decode the
    /// header, lay out the columns and check each row. Nil when the file would be imported.
    /// Broken promises go to `failures` (one `#expect` per input would be slow).
    func check(_ bytes: [UInt8], failures: inout [String]) throws -> InputRejected? {
        let reader = try CSVReader(path: dir.write(Self.file, bytes))
        var records: [CSVRecord] = []
        while let record = try reader.next() {
            if record.line <= (records.last?.line ?? 0) || record.fields.isEmpty {
                failures.append("record on line \(record.line) after line \(records.last?.line ?? 0), \(record.fields.count) fields")
            }
            records.append(record)
        }
        if try reader.next() != nil { failures.append("a record after the end") }
        if reader.sha256 != Hashing.sha256Hex(bytes) { failures.append("the SHA-256 is not the file's") }
        do {
            let file = Self.file
            let header = try CSVRecord.header(records.first, file: file, whenEmpty: "a register needs a header line")
            let keep = Set(header.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && RegisterField(header: $0) == nil })
            let asOf = CalendarDate(year: 2026, month: 11, day: 1)!
            let layout = try RegisterLayout(header: header, options: RegisterImportOptions(asOf: asOf, keep: keep.sorted()), file: file)
            var validator = RegisterRowValidator(file: file, layout: layout, asOf: asOf, serviceMap: [Service.fold("Care leaver"): .careLeaver])
            var problems: [InputProblem] = []
            for record in records.dropFirst() {
                if case .failure(let found) = validator.validate(record) {
                    if found.problems.isEmpty || !found.problems.allSatisfy({ $0.line == record.line }) {
                        failures.append("row on line \(record.line) rejected with \(found.problems)")
                    }
                    problems += found.problems
                }
            }
            if !problems.isEmpty { throw InputRejected(file: file, problems: problems) }
            if records.count == 1 {
                throw InputRejected(file: file, problems: [InputProblem(file: file, line: 2, field: nil, reason: "a header but no cases")])
            }
            return nil
        } catch let rejection as InputRejected {
            return rejection
        }
    }

    @Test func mutatedRegistersAreAcceptedOrRejectedWithTheFileAndALine() throws {
        let seeds = try Self.seeds()
        var mutator = InputMutator(seed: 20_261_202)
        var rejected = 0
        var failures: [String] = []
        #expect(try check(seeds[0], failures: &failures) != nil)  // the broken register
        #expect(try check(seeds[1], failures: &failures) == nil)
        #expect(try check(seeds[2], failures: &failures) == nil)
        for round in 0..<1_000 {
            let input = mutator.mutate(seeds[round % seeds.count])
            var found: [String] = []
            if let rejection = try check(input, failures: &found) {
                rejected += 1
                found += brokenPromises(of: rejection, file: Self.file, bytes: input)
            }
            failures += found.map { "input \(round): \($0)" }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(rejected > 100)
    }

    // MARK: Round trip

    /// Pieces of fields: what needs quoting, blanks, and text beyond ASCII.
    static let pieces = ["a", "Z", "0", "42", " ", ",", "\"", "\"\"", "\r", "\n", "\r\n", "é", "𝄞", "👩‍👧", "\u{00A0}", "\t", "'", ";", "x,y", "日本"]

    /// A CSV field as a spreadsheet writes it: quoted when it holds a comma, a quote or a line
    /// break, or when it starts with a quote.
    static func encode(_ field: String) -> String {
        let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// Random well-formed CSV: records of random fields, LF, CRLF or lone CR line ends, blank
    /// lines, an optional byte-order mark and final line break. Returns the bytes and, for each
    /// record, its fields and the physical line it starts on.
    static func randomCSV(_ m: inout InputMutator, records count: Int) -> (bytes: [UInt8], records: [(line: Int, fields: [String])]) {
        var bytes: [UInt8] = m.chance(20) ? [0xEF, 0xBB, 0xBF] : []
        var starts: [Int] = [], records: [[String]] = []
        for index in 0..<count {
            let fields = (0...m.int(6)).map { _ in (0..<m.int(6)).map { _ in m.pick(pieces) }.joined() }
            var line = fields.map(encode).joined(separator: ",")
            if line.isEmpty { line = "\"\"" }  // one empty field: an empty line would be skipped
            starts.append(bytes.count)
            records.append(fields)
            bytes += Array(line.utf8)
            if index < count - 1 || m.chance(50) {
                bytes += Array(m.pick(["\n", "\r\n", "\r"]).utf8)
                if m.chance(10) { bytes += Array(m.pick(["\n", "\r\n"]).utf8) }  // a blank line
            }
        }
        // The physical line each record starts on: one more than the line breaks before it.
        var lines: [Int] = [], breaks = 0, next = 0
        for (i, b) in bytes.enumerated() {
            while next < starts.count && starts[next] == i { lines.append(1 + breaks); next += 1 }
            if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && (i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "\n"))) { breaks += 1 }
        }
        return (bytes, Array(zip(lines, records)))
    }

    func read(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String], malformation: String?)] {
        let reader = try CSVReader(path: dir.write("round-trip.csv", bytes))
        var out: [(Int, [String], String?)] = []
        while let r = try reader.next() {
            out.append((r.line, r.fields.map { String(decoding: $0, as: UTF8.self) }, r.malformation))
        }
        return out
    }

    @Test func wellFormedFieldsReadBackExactly() throws {
        var m = InputMutator(seed: 4_180)
        for round in 0..<400 {
            let (bytes, expected) = Self.randomCSV(&m, records: 1 + m.int(12))
            let got = try read(bytes)
            #expect(got.map(\.fields) == expected.map(\.fields), "round \(round)")
            #expect(got.map(\.line) == expected.map(\.line), "round \(round)")
            #expect(got.allSatisfy { $0.malformation == nil }, "round \(round)")
        }
    }

    @Test func wellFormedFieldsReadBackExactlyAcrossTheReadersBuffer() throws {
        // Files of several 64 KiB chunks, so that quotes, CRLFs and multi-byte characters fall
        // across the boundaries where the reader refills its buffer.
        var m = InputMutator(seed: 65_536)
        for round in 0..<2 {
            let (bytes, expected) = Self.randomCSV(&m, records: 8_000)
            #expect(bytes.count > 3 * 65_536)
            let got = try read(bytes)
            #expect(got.map(\.fields) == expected.map(\.fields), "round \(round)")
            #expect(got.map(\.line) == expected.map(\.line), "round \(round)")
        }
    }
}

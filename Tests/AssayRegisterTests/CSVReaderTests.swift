@testable import AssayRegister
import Foundation
import Testing

@Suite struct CSVReaderTests {
    func records(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String], malformation: String?)] {
        let dir = TemporaryDirectory()
        let reader = try CSVReader(path: dir.write("f.csv", bytes))
        var out: [(Int, [String], String?)] = []
        while let r = try reader.next() {
            out.append((r.line, r.fields.map { String(decoding: $0, as: UTF8.self) }, r.malformation))
        }
        return out
    }

    func records(_ text: String) throws -> [(line: Int, fields: [String], malformation: String?)] {
        try records(Array(text.utf8))
    }

    @Test func readsPlainRecordsWithLineNumbers() throws {
        let r = try records("a,b,c\n1,2,3\n")
        #expect(r.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(r.map(\.line) == [1, 2])
    }

    @Test func stripsAByteOrderMark() throws {
        let r = try records([0xEF, 0xBB, 0xBF] + Array("case_id,team\nX,Y\n".utf8))
        #expect(r.first?.fields == ["case_id", "team"])
    }

    @Test func acceptsCRLFAndAMissingFinalLineBreak() throws {
        let r = try records("a,b\r\n1,2\r\n3,4")
        #expect(r.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.map(\.line) == [1, 2, 3])
    }

    @Test func readsQuotedCommasQuotesAndLineBreaks() throws {
        let r = try records("id,note\n1,\"Smith, Jo\"\n2,\"said \"\"no\"\"\"\n3,\"two\nlines\"\n4,after\n")
        #expect(r.map(\.fields) == [["id", "note"], ["1", "Smith, Jo"], ["2", "said \"no\""], ["3", "two\nlines"], ["4", "after"]])
        // A record starting after a quoted line break is numbered by its physical line.
        #expect(r.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func keepsEmptyFieldsAndSkipsBlankLines() throws {
        let r = try records("a,b,c\n\n,,\n\r\nx,,z\n")
        #expect(r.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["x", "", "z"]])
        #expect(r.map(\.line) == [1, 3, 5])
    }

    @Test func keepsAQuoteInsideAnUnquotedField() throws {
        #expect(try records("a\n5\" screen\n").last?.fields == ["5\" screen"])
    }

    @Test func reportsAQuotedFieldThatNeverCloses() throws {
        let r = try records("a,b\n1,\"open\n2,3\n")
        #expect(r.last?.line == 2)
        #expect(r.last?.malformation?.contains("never closed") == true)
    }

    @Test func reportsTextAfterAClosingQuote() throws {
        #expect(try records("a\n\"x\"y\n").last?.malformation?.contains("after a closing quote") == true)
    }

    @Test func streamsFilesLargerThanOneBuffer() throws {
        var text = "id,team\n"
        for i in 0..<20_000 { text += "C\(i),\"Team, \(i % 7)\"\n" }
        let r = try records(text)
        #expect(r.count == 20_001)
        #expect(r.last?.fields == ["C19999", "Team, 0"])
        #expect(r.last?.line == 20_001)
    }

    @Test func hashesExactlyTheBytesOfTheFile() throws {
        let dir = TemporaryDirectory()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8)
        let reader = try CSVReader(path: dir.write("f.csv", bytes))
        while try reader.next() != nil {}
        // Expected value from `printf '\xef\xbb\xbfa,b\n1,2\n' | sha256sum`.
        let expected = "4baf8d035fbc583379d998ac9ed3d18276d308ee43cf945ee88d0c54cca33992"
        #expect(reader.sha256 == expected)
        #expect(try RegisterImporter.sha256(ofFileAt: dir.file("f.csv")) == expected)
    }
}

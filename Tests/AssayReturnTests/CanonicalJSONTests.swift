import AssayCore
import AssayReturn
import Testing

/// The canonical bytes a signature is over (docs/regional.md, "Canonical JSON").
@Suite struct CanonicalJSONTests {
    @Test func membersSortedNoSpaceIntegersPlain() {
        let value = JSONValue.object(["b": .integer(-12), "a": .array([.null, .bool(true), .string("x")]), "B": .integer(0)])
        #expect(value.canonicalText == #"{"B":0,"a":[null,true,"x"],"b":-12}"#)
    }

    @Test func stringsEscapedAsJSONStringify() {
        let value = JSONValue.string("q\"\\/\n\t\u{1}é😀")
        #expect(value.canonicalText == "\"q\\\"\\\\/\\n\\t\\u0001é😀\"")
    }

    /// RFC 8785 sorts by UTF-16 code units, not code points: U+1F600 (the surrogate pair
    /// D83D DE00) before U+E000, though its code point is larger.
    @Test func keysSortedByUTF16() {
        let value = JSONValue.object(["\u{E000}": .integer(2), "😀": .integer(1)])
        #expect(value.canonicalText == "{\"😀\":1,\"\u{E000}\":2}")
    }

    @Test func readerRoundTripsAndRefusesWhatCouldMeanTwoThings() throws {
        let text = #" { "a" : [1, -2, "\u00e9\ud83d\ude00"], "b": {"c": null} } "#
        let value = try StrictJSONReader.parse(Array(text.utf8), source: "t")
        #expect(value.canonicalText == "{\"a\":[1,-2,\"é😀\"],\"b\":{\"c\":null}}")
        for bad in [#"{"a":1,"a":2}"#, #"{"a":1.5}"#, #"{"a":1e3}"#, #"{"a":01}"#, #"{"a":1} x"#, "[\"\u{1}\"]", #"["\ud800"]"#] {
            #expect(throws: (any Error).self, "\(bad)") { try StrictJSONReader.parse(Array(bad.utf8), source: "t") }
        }
    }
}

@testable import AssayShell
import Testing

@Suite struct ShellWordsTests {
    func words(_ s: String) -> [String]? {
        if case .complete(let w) = ShellWords.split(s) { return w }
        return nil
    }

    @Test func splitsOnBlanks() {
        #expect(words("import cases  a.csv\t--as-of 2026-11-01") == ["import", "cases", "a.csv", "--as-of", "2026-11-01"])
    }

    @Test func singleQuotesKeepEverythingLiterally() {
        #expect(words(#"people add 'Sam "the" Patel\n'"#) == ["people", "add", #"Sam "the" Patel\n"#])
    }

    @Test func doubleQuotesAllowEscapes() {
        #expect(words(#"x "a \"b\" \\ \$c \d""#) == ["x", #"a "b" \ $c \d"#])
    }

    @Test func backslashEscapesOutsideQuotes() {
        #expect(words(#"--team CP\ North"#) == ["--team", "CP North"])
    }

    @Test func adjacentQuotedPartsJoinIntoOneWord() {
        #expect(words(#"a"b c"'d'"#) == ["ab cd"])
        #expect(words(#"'' """#) == ["", ""])
    }

    @Test func hashStartsACommentOnlyAtAWordStart() {
        #expect(words("frames # list them") == ["frames"])
        #expect(words("# whole line") == [])
        #expect(words("a#b") == ["a#b"])
        #expect(words("'#not'") == ["#not"])
    }

    @Test func anOpenQuoteOrTrailingBackslashIsIncomplete() {
        #expect(ShellWords.split("people add 'Sam") == .incomplete)
        #expect(ShellWords.split("people add \"Sam") == .incomplete)
        #expect(ShellWords.split("people add \\") == .incomplete)
        #expect(words("people add 'Sam\nPatel'") == ["people", "add", "Sam\nPatel"])
        #expect(words("frames \\\n--format json") == ["frames", "--format", "json"])
    }

    @Test func quoteRoundTrips() {
        for w in ["plain", "two words", "it's", "", "a\"b", "#x"] {
            #expect(words(ShellWords.quote(w)) == [w])
        }
    }
}

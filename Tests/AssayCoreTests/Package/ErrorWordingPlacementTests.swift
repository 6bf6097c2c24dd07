import Foundation
import Testing

/// Below the shell, errors are facts and plain words (issue 21, docs/architecture.md
/// "Errors"): no error message names a command-line flag, because the library cannot know
/// how it was called (a guided audit, a script, a test, another program), and the flag a
/// person should type is the shell's to say (Sources/AssayShell/Grammar/ErrorWording.swift).
///
/// This reads every Swift file under Sources/ but the edges (the shell and the executables)
/// and fails on a `--flag` in the words of an error: a `throw` statement, a role refusal's
/// `require(…, to: "…")`, a problem found in an input file, or anywhere in a module's error
/// type (a file declaring `: AssayError`). What a person can do about a problem is data
/// (`UserAction`, an `InputProblem`'s request and remedy), worded by the shell. It also
/// counts the `AssayFailure` (a string worded for the command line) built below the edges:
/// none.
@Suite struct ErrorWordingPlacementTests {
    static let root = ModuleGraphTests.root

    /// Folders that are command lines themselves, where flags are theirs to name and a
    /// failure may be worded as a string (`AssayFailure`): nothing calls them as a library,
    /// so their words cannot be wrong for another caller.
    static let edges = [
        "Sources/AssayShell/",      // `assay`: ErrorWording.swift words every module's errors
        "Sources/assay-samples/",   // writes the sample files; its main words SamplesError and its own "cannot be written"
        "Sources/AssayBench/",      // `assay-bench`, a developer's tool: one "cannot write" for its synthetic register
        "Sources/AssayFuzz/",       // the fuzzing harness: its failures stop the run (fatalError), read by a developer
    ]

    /// Where an error's words are written.
    static var errorStarts: Regex<AnyRegexOutput> { try! Regex(#"\bthrow\b|\brequire\(|\bproblem\(|\bProblem\(|\bInputProblem\("#) }

    /// A command-line flag: two hyphens and a letter, not part of a word or a longer run of
    /// hyphens (the character before it, if any, is part of the match).
    static var flag: Regex<AnyRegexOutput> { try! Regex(#"(?:^|[^\w-])--[a-z][a-z-]*"#) }

    /// `AssayFailure(` built below the edges. None: every module throws its own error type.
    static let assayFailureCeiling = 0

    static func libraryFiles() -> [(path: String, text: String)] {
        AuditRulesSpellingTests.swiftFiles().filter { file in !edges.contains { file.path.hasPrefix($0) } }
    }

    /// The text of the statement that starts at `start`: to the end of its line, or further
    /// while a bracket or a string literal (with its interpolations) is still open.
    static func statement(in text: Substring, from start: String.Index) -> String {
        enum Mode { case code(depth: Int), string(multiline: Bool), interpolation(depth: Int) }
        var stack: [Mode] = [.code(depth: 0)]
        var i = start
        while i < text.endIndex {
            let c = text[i]
            let rest = text[i...]
            switch stack.last! {
            case .code(let depth), .interpolation(let depth):
                let isInterpolation: Bool = { if case .interpolation = stack.last! { return true } else { return false } }()
                if rest.hasPrefix("\"\"\"") {
                    stack.append(.string(multiline: true)); i = text.index(i, offsetBy: 3); continue
                } else if c == "\"" {
                    stack.append(.string(multiline: false))
                } else if "([{".contains(c) {
                    stack[stack.count - 1] = isInterpolation ? .interpolation(depth: depth + 1) : .code(depth: depth + 1)
                } else if ")]}".contains(c) {
                    if depth == 0 {
                        if isInterpolation { stack.removeLast() } else { return String(text[start..<i]) }
                    } else {
                        stack[stack.count - 1] = isInterpolation ? .interpolation(depth: depth - 1) : .code(depth: depth - 1)
                    }
                } else if c == "\n", depth == 0, !isInterpolation, stack.count == 1 {
                    let next = text[text.index(after: i)...].drop { $0 == " " }
                    if !(next.hasPrefix("+") || next.hasPrefix(".") || next.hasPrefix("??") || next.hasPrefix(":")) {
                        return String(text[start..<i])
                    }
                }
            case .string(let multiline):
                if c == "\\" {
                    let after = text.index(after: i)
                    if after < text.endIndex, text[after] == "(" {
                        stack.append(.interpolation(depth: 0)); i = text.index(after: after); continue
                    }
                    i = min(text.index(i, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex, text.endIndex); continue
                } else if multiline, rest.hasPrefix("\"\"\"") {
                    stack.removeLast(); i = text.index(i, offsetBy: 3); continue
                } else if !multiline, c == "\"" {
                    stack.removeLast()
                }
            }
            i = text.index(after: i)
        }
        return String(text[start...])
    }

    /// The file without its comments (`//` to the end of a line, when it follows a space or
    /// starts the line: not the `//` of a URL in a string).
    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if let range = line.firstRange(of: try! Regex(#"(^|\s)//"#)) { return String(line[..<range.lowerBound]) }
            return String(line)
        }.joined(separator: "\n")
    }

    /// Every `--flag` in the words of an error in `text`, with its line.
    static func flagsInErrors(_ text: String) -> [(line: Int, flag: String, statement: String)] {
        let code = withoutComments(text)
        let lineOf = { (index: String.Index) in code[..<index].filter { $0 == "\n" }.count + 1 }
        if code.contains(": AssayError") {  // a module's error type: all of its words
            return code.matches(of: flag).map { (lineOf($0.range.lowerBound), String(code[$0.range]), "") }
        }
        var found: [(Int, String, String)] = []
        for start in code.matches(of: errorStarts) {
            let statement = statement(in: code[...], from: start.range.lowerBound)
            for match in statement.matches(of: flag) {
                found.append((lineOf(start.range.lowerBound), String(statement[match.range]), statement))
            }
        }
        return found
    }

    @Test func theScannerFindsAFlagInEachFormAnErrorTakes() {
        let samples = [
            #"guard x else { throw AssayFailure("Say why: --reason TEXT") }"#,
            "throw AssayFailure(\"\"\"\n    Case \\(id) was not drawn; \\\n    it needs --unsampled.\n    \"\"\")",
            #"throw AssayFailure("a \(b ? "c" : "d") b" + "then --size N")"#,
            #"try require([.lead], to: "reveal case ids (--reveal)")"#,
            #"problems.append(problem("service", "map it with --map-service NAME=CODE"))"#,
            "public enum E: AssayError {\n  var description: String { \"give --by\" }\n}",
        ]
        for sample in samples {
            #expect(Self.flagsInErrors(sample).count == 1, "\(sample)")
        }
        let clean = [
            #"throw StoreError.noDraw(month: m, askerIsLead: true, latestDrawn: nil)  // not --size"#,
            #"throw HubError.noHubNamed"#,
            "let note = \"a lead may --reveal case ids\"\nthrow ReportError.tooFewMonths(1)",
            #"guard ok else { throw X.y }; let s = "--out""#,
        ]
        for sample in clean {
            #expect(Self.flagsInErrors(sample).isEmpty, "\(sample)")
        }
    }

    @Test func noErrorBelowTheShellNamesACommandLineFlag() {
        let files = Self.libraryFiles()
        #expect(files.count > 100, "Sources was read: \(files.count) files")
        var found: [String] = []
        for (path, text) in files {
            found += Self.flagsInErrors(text).map { "\(path):\($0.line): \($0.flag) — say it in the shell's ErrorWording: \($0.statement.prefix(160))" }
        }
        #expect(found.isEmpty, "\(found.count) error messages below the shell name a command-line flag:\n\(found.joined(separator: "\n"))")
    }

    @Test func noAssayFailureIsBuiltBelowTheEdges() {
        let built = Self.libraryFiles().flatMap { file in
            Self.withoutComments(file.text).matches(of: try! Regex(#"\bAssayFailure(\.\w+)?\("#)).map { _ in file.path }
        }
        #expect(built.count == Self.assayFailureCeiling,
                "\(built.count) AssayFailure built below the shell (\(Set(built).sorted().joined(separator: ", "))); give the error its module's error type")
    }
}

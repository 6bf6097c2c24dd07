@testable import AssayShell
import Testing

/// The options before the command name (`--db`, `--as`, `-c`, `--bail`, `--help`,
/// `--version`) are declared once, on `Assay`; `AssayMain.split` reads them from there.
@Suite struct RootOptionsTests {
    @Test func theRootsOptionsComeBeforeTheCommand() {
        let (root, command) = AssayMain.split(["--db", "qa.db", "--as", "Lena Lead", "--bail", "people", "--db", "x"])
        #expect(root == ["--db", "qa.db", "--as", "Lena Lead", "--bail"])
        #expect(command == ["people", "--db", "x"], "a command's own words are the command's, even --db")
        #expect(AssayMain.split(["--db=qa.db", "-cpeople", "-c", "frames"]) == (["--db=qa.db", "-cpeople", "-c", "frames"], []))
        #expect(AssayMain.split(["--version"]).0 == ["--version"])
        #expect(AssayMain.split(["-h"]).0 == ["-h"])
        #expect(AssayMain.split(["--help"]).0 == ["--help"])
        #expect(AssayMain.split(["report", "--help"]) == ([], ["report", "--help"]))
        #expect(AssayMain.split(["--as", "A", "--dbx", "q"]) == (["--as", "A"], ["--dbx", "q"]), "an unknown word starts the command")
    }

    /// Every option the root declares is one `split` keeps with the root.
    @Test func everyDeclaredRootOptionIsSplitOff() {
        let declared = CommandCatalog.shared.options(of: CommandCatalog.shared.root)
        #expect(!declared.isEmpty)
        for option in declared {
            for spelling in option.spellings {
                let words = option.kind == "option" ? [spelling, "value", "people"] : [spelling, "people"]
                #expect(AssayMain.split(words).1 == ["people"], "\(spelling)")
            }
        }
    }
}

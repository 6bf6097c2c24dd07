import AssayCore
@testable import AssayShell
import Foundation
import Testing

/// `run FILE` reads its script through InputFile: a path that is not a readable UTF-8 file
/// is refused in one line, and the script's lines are those `getline` gave before.
@Suite struct FileLineSourceTests {
    let dir: String = {
        let path = NSTemporaryDirectory() + "assay-script-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func lines(_ bytes: [UInt8]) throws -> [String] {
        let path = dir + "/script.txt"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let source = try FileLineSource(path: path)
        var lines: [String] = []
        while let line = source.nextLine(continuation: false) { lines.append(line) }
        return lines
    }

    @Test func aFolderAMissingFileAndNonUTF8AreRefusedNamingThePath() {
        // Before: fopen of a folder succeeded and `run .` ran nothing, successfully.
        #expect(throws: InputFileError.isAFolder(dir)) { try FileLineSource(path: dir) }
        #expect(throws: InputFileError.noSuchFile("\(dir)/nope.txt")) { try FileLineSource(path: dir + "/nope.txt") }
        let path = dir + "/latin1.txt"
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0x23, 0x20, 0xE9, 0x0A])))
        #expect(throws: InputFileError.notUTF8(path)) { try FileLineSource(path: path) }
    }

    @Test func linesAreSplitAsBefore() throws {
        #expect(try lines(Array("month 2026-11\nframes\n".utf8)) == ["month 2026-11", "frames"])
        #expect(try lines(Array("a\r\nb\r\n".utf8)) == ["a", "b"], "CRLF scripts from Windows editors")
        #expect(try lines(Array("a\n\nb".utf8)) == ["a", "", "b"], "blank lines kept; no final line break needed")
        #expect(try lines([0xEF, 0xBB, 0xBF] + Array("frames\n".utf8)) == ["frames"], "a byte-order mark is not part of the first command")
        #expect(try lines([]) == [])
        #expect(try lines(Array("\n".utf8)) == [""])
    }
}

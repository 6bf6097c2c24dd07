@testable import AssayCore
import Foundation
import Testing

/// Issue 16: a user's file that cannot be read is refused in one line naming the path, never
/// with Foundation's NSCocoaErrorDomain dump.
@Suite struct InputFileTests {
    let dir: String = {
        let path = NSTemporaryDirectory() + "assay-inputfile-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func message(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            Issue.record("not refused")
        } catch let failure as InputFileError {
            return failure.description
        } catch {
            Issue.record("not an InputFileError: \(error)")
        }
        return nil
    }

    @Test func aMissingFileAFolderAndAnEmptyPathAreNamed() {
        #expect(message { try InputFile.text(at: dir + "/nope.csv") } == "\(dir)/nope.csv: no such file.")
        #expect(message { try InputFile.open(at: dir + "/nope/deeper.csv") } == "\(dir)/nope/deeper.csv: no such file.")
        #expect(message { try InputFile.text(at: dir) } == "\(dir): is a folder, not a file; give the file itself.")
        #expect(message { try InputFile.open(at: ".") } == ".: is a folder, not a file; give the file itself.")
        #expect(message { try InputFile.data(at: "") } == "No file given: name the file to read.")
    }

    @Test func textThatIsNotUTF8IsRefusedAndUTF8IsRead() throws {
        let bad = dir + "/latin1.csv"
        #expect(FileManager.default.createFile(atPath: bad, contents: Data([0x63, 0x61, 0x66, 0xE9, 0x0A])))
        #expect(message { try InputFile.text(at: bad) } == "\(bad): not UTF-8 text; save it as UTF-8.")
        #expect(try InputFile.data(at: bad) == Data([0x63, 0x61, 0x66, 0xE9, 0x0A]), "the bytes themselves are readable")
        let good = dir + "/good.txt"
        #expect(FileManager.default.createFile(atPath: good, contents: Data("café\nline 2\n".utf8)))
        #expect(try InputFile.text(at: good) == "café\nline 2\n")
        let empty = dir + "/empty.txt"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(try InputFile.text(at: empty) == "")
    }

    @Test func aFileThisUserMayNotReadIsPermissionDenied() throws {
        #expect(InputFile.failure("x.csv", errno: EACCES) == .permissionDenied("x.csv"))
        #expect(InputFile.failure("x.csv", errno: EPERM).description == "x.csv: permission denied.")
        #expect(InputFile.failure("x.csv", errno: EIO).description.hasPrefix("x.csv: cannot be read ("))
        #expect(InputFile.failure("x.csv", errno: ENOENT).kind == .notFound)
        // Foundation's errors, as a folder listing or a read throws them, in the same words.
        #expect(InputFile.readFailure("t", CocoaError(.fileReadNoPermission)) as? InputFileError == .permissionDenied("t"))
        #expect(InputFile.readFailure("t", CocoaError(.fileReadNoSuchFile)) as? InputFileError == .noSuchFile("t"))
        #expect((InputFile.readFailure("t", NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR))) as? InputFileError)?.description
                == "t: is a folder, not a file; give the file itself.")
        guard geteuid() != 0 else { return }  // root reads every file; the end-to-end test runs as nobody
        let locked = dir + "/locked.csv"
        #expect(FileManager.default.createFile(atPath: locked, contents: Data("a\n".utf8), attributes: [.posixPermissions: 0o000]))
        #expect(message { try InputFile.text(at: locked) } == "\(locked): permission denied.")
    }
}

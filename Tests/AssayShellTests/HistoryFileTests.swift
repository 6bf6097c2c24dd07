import AssayCore
@testable import AssayShell
import Foundation
import Testing

/// Issue 16: history holds the case ids typed, so the file is private whatever state it was
/// found in.
@Suite struct HistoryFileTests {
    let dir: String = {
        let path = NSTemporaryDirectory() + "assay-history-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func permissions(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).map(\.intValue) ?? -1
    }

    @Test func anExistingWorldReadableHistoryFileIsMadePrivateAndKeepsItsLines() throws {
        let path = dir + "/history"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("audit CS102893\n".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(try permissions(path) == 0o644)
        #expect(HistoryFile.makePrivate(at: path) == 0o600)
        #expect(try permissions(path) == 0o600)
        #expect(FileManager.default.contents(atPath: path) == Data("audit CS102893\n".utf8))
        #expect(HistoryFile.makePrivate(at: path) == 0o600, "already private: left as it is")
    }

    @Test func aMissingHistoryFileIsCreatedPrivate() throws {
        let path = dir + "/new-history"
        #expect(HistoryFile.makePrivate(at: path) == 0o600)
        #expect(try permissions(path) == 0o600)
        #expect(FileManager.default.contents(atPath: path)?.isEmpty == true)
    }

    @Test func onlyRegularFilesAreTouched() throws {
        let folder = dir + "/a-folder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        #expect(HistoryFile.makePrivate(at: folder) == nil, "a folder cannot hold history")
        #expect(try permissions(folder) == 0o755)
        let fifo = dir + "/a-fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: fifo)
        #expect(HistoryFile.makePrivate(at: fifo) == 0o644, "returns at once, unchanged")
        #expect(try permissions(fifo) == 0o644)
    }

    /// The REPL itself: opening the shell on a 0644 history file makes it 0600 and loads it.
    @Test func theShellMakesTheHistoryFilePrivateWhenItLoadsIt() throws {
        let path = dir + "/shell-history"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("months\n".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let session = Session(databasePath: dir + "/never-opened.db", identity: Identity(name: "A", osLogin: "a"), isInteractive: true)
        _ = ReadlineSource(session: session, historyPath: path)
        #expect(try permissions(path) == 0o600)
        let created = dir + "/created-by-the-shell"
        _ = ReadlineSource(session: session, historyPath: created)
        #expect(try permissions(created) == 0o600)
    }

    @Test func aHistoryFileInAMissingFolderIsNotKept() {
        #expect(HistoryFile.makePrivate(at: dir + "/no-such-folder/history") == nil)
    }
}

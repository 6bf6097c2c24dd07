import AssayCore
import AssayShell
import Foundation
import Testing

/// `InProcess.run`: `assay` inside the test process, as most command tests now run it. What
/// it must keep from a real process: relative paths from its own directory, files created
/// private (the umask `assay` sets), its own streams and environment, and its exit status —
/// and it must change nothing process-wide, because tests run it many at a time.
@Suite struct InProcessTests {
    /// A fresh directory, removed by the caller.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "assay-inprocess-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["ASSAY_DB"] = nil
        env["ASSAY_AUDITOR"] = nil
        env["ASSAY_TEMPLATES"] = "/nonexistent/no-shipped-templates"
        return env
    }()

    @Test func relativePathsAreTheRunsDirectoryAndFilesArePrivate() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = FileManager.default.currentDirectoryPath
        let processMask = umask(0o022)
        umask(processMask)
        let result = try InProcess.run(["--db", "qa.db", "--as", "Lena Lead", "init"], environment: Self.environment, workingDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Created qa.db; Lena Lead is its lead.\n")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/qa.db")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(FileManager.default.currentDirectoryPath == before, "the process's directory is untouched")
        let maskAfter = umask(0o022)
        umask(maskAfter)
        #expect(maskAfter == processMask, "the process's umask is untouched")
    }

    @Test func statusStreamsEnvironmentAndPipedInput() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = try InProcess.run(["--db", "nowhere.db", "people"], environment: Self.environment, workingDirectory: dir)
        #expect(missing.status == 4)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("nowhere.db"), "\(missing.stderr)")
        var environment = Self.environment
        environment["ASSAY_DB"] = "env.db"
        environment["ASSAY_AUDITOR"] = "Quinn Lead"
        #expect(try InProcess.run(["init"], environment: environment, workingDirectory: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/env.db"), "$ASSAY_DB from the run's environment")
        let piped = try InProcess.run([], input: "month 2026-10\nmonth\nfrobnicate\n", environment: environment, workingDirectory: dir)
        #expect(piped.status == 2, "the first failure's status, as from a pipe")
        #expect(piped.stdout.contains("2026-10"), "\(piped.stdout)")
        #expect(piped.stderr.contains("<stdin>:3: unknown command \"frobnicate\""), "\(piped.stderr)")
        let people = try InProcess.run(["people", "--format", "csv"], environment: environment, workingDirectory: dir)
        #expect(people.stdout.contains("Quinn Lead,lead"), "the user from $ASSAY_AUDITOR: \(people.stdout)")
    }

    /// Runs at once, each in its own directory, each find only their own database; and none
    /// leaves a file open behind it (the session closes its store when the run returns).
    @Test func manyRunsAtOnceKeepTheirOwnDirectoriesAndCloseTheirFiles() throws {
        let dirs = try (0..<8).map { _ in try Self.directory() }
        defer { for dir in dirs { try? FileManager.default.removeItem(atPath: dir) } }
        final class Statuses: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int32]
            init(_ count: Int) { values = Array(repeating: -1, count: count) }
        }
        let statuses = Statuses(dirs.count)
        DispatchQueue.concurrentPerform(iterations: dirs.count) { i in
            let made = try? InProcess.run(["--db", "db\(i).db", "--as", "Lead \(i)", "-c", "init", "-c", "people --format csv"],
                                          environment: Self.environment, workingDirectory: dirs[i])
            let ok = made?.status == 0 && made?.stdout.contains("Lead \(i),lead") == true
            statuses.lock.withLock { statuses.values[i] = ok ? 0 : (made?.status ?? -2) }
        }
        #expect(statuses.lock.withLock { statuses.values } == [Int32](repeating: 0, count: dirs.count))
        for (i, dir) in dirs.enumerated() {
            let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(names.filter { $0.hasSuffix(".db") } == ["db\(i).db"])
        }
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
        }
        #expect(!open.contains { path in dirs.contains { path.hasPrefix($0) } }, "\(open)")
    }
}

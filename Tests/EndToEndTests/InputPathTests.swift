import AssayTestSupport
import Foundation
import Testing

/// Issue 16: `import cases .` printed an NSCocoaErrorDomain dump. Every command that reads a
/// user's file says in one line, naming the path, that there is no such file, that it is a
/// folder, that permission is denied, or that it is not UTF-8 text.
@Suite struct InputPathTests {
    let work = Workspace()
    static let lead = AuditWorkspace.lead

    func refusal(_ arguments: [String], _ expected: String) throws {
        let result = try AuditWorkspace.run(work, as: Self.lead, arguments)
        #expect(result.status == (expected.contains("no such file") ? 4 : 1), "not found is 4, other refusals 1: \(arguments)")
        #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("Error Domain"), "\(arguments): \(result.stderr)")
    }

    @Test func aFolderOrAMissingFileIsNamedInOneLineByEveryLoader() throws {
        try AuditWorkspace.prepare(work)
        try FileManager.default.createDirectory(atPath: work.file("folder"), withIntermediateDirectories: false)
        let folder = "is a folder, not a file; give the file itself."
        try refusal(["import", "cases", ".", "--as-of", "2026-11-01"], ".: " + folder)
        try refusal(["import", "cases", "folder", "--as-of", "2026-11-01"], "folder: " + folder)
        try refusal(["import", "cases", "nope.csv", "--as-of", "2026-11-01"], "nope.csv: no such file.")
        try refusal(["import", "audits", "."], ".: " + folder)
        try refusal(["import", "audits", "nope.csv"], "nope.csv: no such file.")
        try refusal(["template", "check", "."], ".: " + folder)
        try refusal(["template", "check", "nope.yaml"], "nope.yaml: no such file.")
        try refusal(["audit", "C1", "--month", "2026-11", "--answers", "folder"], "folder: " + folder)
        try refusal(["audit", "C1", "--month", "2026-11", "--answers", "nope.yaml"], "nope.yaml: no such file.")
        try refusal(["run", "folder"], "run folder: " + folder)
        try refusal(["run", "nope.txt"], "run nope.txt: no such file.")
        work.write("latin1.txt", [0x66, 0x72, 0x61, 0x6D, 0x65, 0x73, 0xE9, 0x0A])
        try refusal(["run", "latin1.txt"], "run latin1.txt: not UTF-8 text; save it as UTF-8.")
        #expect(try AuditWorkspace.audits(work).isEmpty, "nothing was stored")
    }

    @Test func aFileThisUserMayNotReadIsPermissionDenied() throws {
        work.write("locked.yaml", AuditWorkspace.template)
        work.write("locked.txt", "frames\n")
        chmod(work.file("locked.yaml"), 0)
        chmod(work.file("locked.txt"), 0)
        var prefix: [String] = []
        if geteuid() == 0 {
            chmod(work.path, 0o755)  // root reads any file: run as nobody, who may enter the folder
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        defer { chmod(work.path, 0o700) }
        for (arguments, expected) in [
            (["template", "check", work.file("locked.yaml")], "\(work.file("locked.yaml")): permission denied."),
            (["run", work.file("locked.txt")], "run \(work.file("locked.txt")): permission denied."),
        ] {
            let result = try AssayBinary.runTool(prefix + [AssayBinary.path, "--db", work.file("qa.db"), "--as", Self.lead] + arguments,
                                                 in: "/", environment: work.assay.environment)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.trimmingCharacters(in: .newlines) == expected, "\(arguments): \(result.stderr)")
        }
    }
}

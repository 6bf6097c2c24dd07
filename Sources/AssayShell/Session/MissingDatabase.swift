import AssayCore
import Foundation

/// A command named a database that is not there. Says so, names the databases nearby that
/// were probably meant (`assay.bd` → `assay.db`), and how to make a new one, which only
/// `init` does.
struct MissingDatabase: UserFacingError {
    let path: String
    var exitStatus: ExitStatus { .notFound }

    var message: String {
        var lines = ["\(path): no such database; nothing was created. Check --db or $ASSAY_DB."]
        let nearby = Self.databases(besides: path)
        let name = (path as NSString).lastPathComponent
        let meant = EditDistance.suggestions(for: name, among: nearby)
        let folder = (path as NSString).deletingLastPathComponent
        let shown = { (file: String) in folder.isEmpty ? file : folder + "/" + file }
        if !meant.isEmpty {
            lines.append("Did you mean \(meant.map(shown).joined(separator: " or "))?")
        } else if !nearby.isEmpty {
            lines.append("Databases in that folder: \(nearby.prefix(5).map(shown).joined(separator: ", ")).")
        }
        lines.append("To create a new database there: assay --db \(path) init")
        return lines.joined(separator: "\n")
    }

    /// Files in the path's folder that are SQLite databases (by their header), hidden and
    /// staging files aside.
    static func databases(besides path: String) -> [String] {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            // Regular files only: opening a named pipe to read its header would wait forever.
            var info = stat()
            guard !name.hasPrefix("."), !name.hasSuffix("-wal"), !name.hasSuffix("-shm"), !name.hasSuffix("-journal"),
                  stat(directory + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  let handle = FileHandle(forReadingAtPath: directory + "/" + name) else { return false }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\u{0}".utf8)
        }.sorted()
    }
}

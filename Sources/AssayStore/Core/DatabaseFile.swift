import AssayCore
import Foundation

/// What is at a database path before SQLite is let near it.
///
/// SQLite happily treats an empty file as an empty database, reads `file:…` as a URI, and
/// opens a folder or a device as far as it can; each of those once let a careless command
/// turn a wrong path into a new database whose caller became lead (docs/integrity.md,
/// "Opening a database"). Checking the path first, without opening it, means a file that
/// is not a complete Assay database is refused before anything can be written to it.
enum DatabaseFile {
    /// The 16 bytes every SQLite database file starts with.
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// What a path holds, as far as opening it is concerned.
    enum State: Equatable {
        case missing
        case sqlite
        /// Exists but cannot be an Assay database; the text says why, for the person.
        case unusable(String)
    }

    /// `path` as SQLite must see it: a path that starts with `file:` would be read as a URI
    /// (with `?mode=`, `&immutable=` and the like), so it is made explicitly relative.
    static func plainPath(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }

    static func state(of path: String) -> State {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT ? .missing : .unusable("cannot be read: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            // A symbolic link is followed: the file it names is what counts.
            guard stat(path, &info) == 0 else { return .unusable("is a symbolic link to nothing (\(String(cString: strerror(errno))))") }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .unusable("is a folder, not a database file")
        default: return .unusable("is not a regular file (a device, pipe or socket)")
        }
        if info.st_size == 0 {
            return .unusable("is an empty file (0 bytes), not an Assay database; a copy or creation that was interrupted leaves such a file. Remove it to create a new database there, or restore a backup")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .unusable("cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: sqliteHeader.count)).map(Array.init) ?? []
        guard start == sqliteHeader else { return .unusable("is not an SQLite database (it does not start with SQLite's header)") }
        return .sqlite
    }

    /// True when this process may create files in the folder holding `path` (SQLite's WAL
    /// and shared-memory files, a journal).
    static func folderIsWritable(_ path: String) -> Bool {
        isWritable(folder(of: path))
    }

    /// True when this process may write `path`, judged by its effective ids: a set-group-id
    /// Assay writes the service group's files, which `access` (the real ids) would deny.
    static func isWritable(_ path: String) -> Bool {
        faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    // MARK: Staging files

    /// A hidden name beside `path` for work in progress that becomes `path` only when it is
    /// complete: `.NAME.PURPOSE-PID`. The process id lets a later command tell a killed
    /// command's leftovers from a running one's.
    static func stagingPath(for path: String, purpose: StagingPurpose) -> String {
        let name = (path as NSString).lastPathComponent
        let folder = (path as NSString).deletingLastPathComponent
        let staged = ".\(name).\(purpose.rawValue)-\(getpid())"
        return folder.isEmpty ? staged : folder + "/" + staged
    }

    enum StagingPurpose: String, CaseIterable {
        case creating, restoring, partial
    }

    /// Removes what killed commands left in `folder`: staging files (and their SQLite
    /// companions) whose process is gone. Running commands' files are left alone.
    static func sweepLeftovers(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let purposes = StagingPurpose.allCases.map(\.rawValue).joined(separator: "|")
        let pattern = try! NSRegularExpression(pattern: "^\\..+\\.(\(purposes))-([0-9]+)(-journal|-wal|-shm)?$")
        for name in names {
            let range = NSRange(name.startIndex..., in: name)
            guard let match = pattern.firstMatch(in: name, range: range),
                  let pidRange = Range(match.range(at: 2), in: name), let pid = pid_t(name[pidRange]) else { continue }
            if pid == getpid() || isRunning(pid) { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Removes a database file and every companion SQLite may have made beside it.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Creates an empty private file (0600 whatever the umask; 0660 in a shared folder,
    /// whose group it then belongs to: `SharedFolder`); false if it exists or cannot be made
    /// (errno says why). SQLite gives the file's `-wal`, `-shm` and `-journal` its mode.
    static func createPrivate(_ path: String) -> Bool {
        let mode = SharedFolder.fileMode(in: folder(of: path))
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        guard fd >= 0 else { return false }
        fchmod(fd, mode)
        close(fd)
        return true
    }

    /// Gives the complete file at `staged` the name `path`, unless `path` exists by then
    /// (a hard link never replaces a file). Returns false, leaving `staged`, when `path` was
    /// taken meanwhile.
    static func publish(_ staged: String, as path: String) throws -> Bool {
        if link(staged, path) == 0 {
            unlink(staged)
            syncFolder(of: path)
            return true
        }
        if errno == EEXIST { return false }
        // Some file systems have no hard links: rename is then the atomic step, checked first.
        if errno == EPERM || errno == EOPNOTSUPP || errno == EXDEV {
            guard access(path, F_OK) != 0 else { return false }
            guard rename(staged, path) == 0 else {
                throw StoreError.cannotName(path: path, reason: String(cString: strerror(errno)))
            }
            syncFolder(of: path)
            return true
        }
        throw StoreError.cannotName(path: path, reason: String(cString: strerror(errno)))
    }

    /// Makes a rename or link in the folder durable.
    static func syncFolder(of path: String) {
        let fd = open(folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Flushes a finished file to the disk before it is published.
    static func sync(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

import AssayCore
import Foundation

/// Writes files that may hold data about children: created 0600 whatever the umask (0660 in
/// a shared database's folder, `SharedFolder`), written to a new file beside the target and
/// renamed over it, so a reader never sees half a file and an older file's wider mode is not
/// kept. Every path here is one the user named, so it is looked at and written with the
/// user's own group (`ProcessPrivilege.asUser`): a set-group-id Assay never writes for them
/// where they could not write themselves.
public enum PrivateFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try stream(to: path) { output in try output.append(bytes) }
    }

    /// Writes the file as `produce` hands it bytes, a block at a time, so a file of any size
    /// (a pack's audit log segment is 1.5 GB at 100,000 audits) never has to be held in
    /// memory whole. Same file as `write`: 0600, staged beside the target and renamed over it
    /// only when `produce` finished; if it throws, the staged file is removed and the target
    /// left as it was. The file is opened and renamed as the user; `produce` runs as the
    /// process is (it may be reading the database).
    public static func stream(to path: String, _ produce: (inout Output) throws -> Void) throws {
        let staged = try ProcessPrivilege.asUser { try Staged(for: path) }
        var output = Output(staged)
        do {
            try produce(&output)
            try output.flush()
        } catch {
            ProcessPrivilege.asUser { staged.abandon() }
            throw error
        }
        try ProcessPrivilege.asUser { try staged.finish() }
    }

    /// Where `stream`'s producer puts the file's bytes: they gather in `pending` (which a
    /// writer may append to in place) and go to the file about a megabyte at a time.
    public struct Output {
        /// How many bytes gather before they are written.
        public static let blockSize = 1 << 20

        fileprivate let staged: Staged
        /// Bytes not yet written; append to it, then call `written()`.
        public var pending: [UInt8]

        fileprivate init(_ staged: Staged) {
            self.staged = staged
            pending = []
            pending.reserveCapacity(Self.blockSize + Self.blockSize / 4)
        }

        public mutating func append(_ bytes: some Collection<UInt8>) throws {
            pending.append(contentsOf: bytes)
            try written()
        }

        /// Writes what is pending once it is a block or more.
        public mutating func written() throws {
            if pending.count >= Self.blockSize { try flush() }
        }

        fileprivate mutating func flush() throws {
            try staged.write(pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// The new file being written beside the target.
    fileprivate struct Staged {
        let path: String
        let temporary: String
        let mode: mode_t
        let fd: Int32

        /// As the user.
        init(for path: String) throws {
            let path = try regularTarget(path)
            DatabaseFile.sweepLeftovers(in: DatabaseFile.folder(of: path))
            let temporary = DatabaseFile.stagingPath(for: path, purpose: .partial)
            unlink(temporary)
            let mode = SharedFolder.fileMode(in: DatabaseFile.folder(of: path))
            let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
            guard fd >= 0 else { throw StoreError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            (self.path, self.temporary, self.mode, self.fd) = (path, temporary, mode, fd)
        }

        func write(_ bytes: [UInt8]) throws {
            var written = 0
            while written < bytes.count {
                let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if n <= 0 {
                    throw StoreError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
                }
                written += n
            }
        }

        func abandon() {
            close(fd)
            unlink(temporary)
        }

        /// As the user: the whole file is written; it takes the target's place.
        func finish() throws {
            fchmod(fd, mode)
            let synced = fsync(fd) == 0
            close(fd)
            guard synced, rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw StoreError.cannotWrite(path: path, reason: reason)
            }
        }
    }

    /// The file to replace for `path`: `path` itself when it is missing or a regular file,
    /// the file a symbolic link names (so the link stays a link). A folder, a device, a pipe
    /// or a socket is refused: renaming over `/dev/null` or a FIFO would replace the node
    /// itself (docs/json.md, "Files").
    @discardableResult
    public static func regularTarget(_ path: String) throws -> String {
        try ProcessPrivilege.asUser { try regularTargetAsUser(path) }
    }

    private static func regularTargetAsUser(_ path: String) throws -> String {
        guard !path.isEmpty else { throw StoreError.noOutputNamed }
        var info = stat()
        guard lstat(path, &info) == 0 else { return path }
        var target = path
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else { return path }
            target = String(cString: resolved)
            free(resolved)
            guard stat(target, &info) == 0 else { return target }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return target
        case S_IFDIR: throw StoreError.notARegularFile(path: path, what: "a folder")
        case S_IFCHR, S_IFBLK: throw StoreError.notARegularFile(path: path, what: "a device")
        case S_IFIFO: throw StoreError.notARegularFile(path: path, what: "a named pipe")
        default: throw StoreError.notARegularFile(path: path, what: nil)
        }
    }

    /// Creates a private directory (0700; 2770 in a shared folder), or checks that an
    /// existing one is empty.
    public static func makeDirectory(_ path: String) throws {
        try ProcessPrivilege.asUser { try makeDirectoryAsUser(path) }
    }

    private static func makeDirectoryAsUser(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError.notAFolder(path: path) }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty else { throw StoreError.folderNotEmpty(path: path) }
            return
        }
        let mode = SharedFolder.folderMode(in: DatabaseFile.folder(of: path))
        guard mkdir(path, 0o700) == 0 else {
            throw StoreError.cannotCreateFolder(path: path, reason: String(cString: strerror(errno)))
        }
        chmod(path, mode)
    }
}

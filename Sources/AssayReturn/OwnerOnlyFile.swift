import AssayCore
import Foundation

/// A file only its owner may read: created 0600 with O_EXCL (never replacing a file, so a
/// key is never lost by a second `keys init`), and read only while it is still 0600 and
/// owned by the reader. Unlike `PrivateFile`, never group-readable in a shared folder:
/// a signing key is the lead's alone.
enum OwnerOnlyFile {
    static func create(_ path: String, contents: [UInt8]) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw ReturnError.keyExists(path: path) }
            throw ReturnError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        fchmod(fd, 0o600)
        var written = 0
        while written < contents.count {
            let n = contents[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw ReturnError.cannotWrite(path: path, reason: reason)
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw ReturnError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    static func read(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ReturnError.noSigningKey(path: path) }
        guard info.st_uid == geteuid() else { throw ReturnError.keyOwnedByAnother(path: path) }
        guard info.st_mode & 0o077 == 0 else {
            throw ReturnError.keyReadableByOthers(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ReturnError.cannotRead(path: path) }
        return Array(data)
    }
}

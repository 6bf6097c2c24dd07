import AssayCore
import Foundation

/// Writes files that may hold data about children: created 0600 whatever the umask, written
/// to a new file beside the target and renamed over it, so a reader never sees half a file
/// and an older file's wider mode is not kept.
public enum PrivateFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw AssayFailure("\(path) is a directory; give a file name.")
        }
        let temporary = path + ".partial-\(getpid())"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AssayFailure("Cannot write \(path): \(String(cString: strerror(errno))).") }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw AssayFailure("Cannot write \(path): \(reason).")
            }
            written += n
        }
        fchmod(fd, 0o600)
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AssayFailure("Cannot write \(path): \(reason).")
        }
    }

    /// Creates a private directory (0700), or checks that an existing one is empty.
    public static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw AssayFailure("\(path) exists and is not a directory.") }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty else { throw AssayFailure("\(path) is not empty; give a new or empty directory.") }
            return
        }
        guard mkdir(path, 0o700) == 0 else {
            throw AssayFailure("Cannot create \(path): \(String(cString: strerror(errno))).")
        }
    }
}

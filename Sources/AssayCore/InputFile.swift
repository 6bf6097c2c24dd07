import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens and reads the files people give Assay — registers, past audits, templates,
/// answers files, scripts — so that every loader says what is wrong with the path in one
/// line naming it: no such file, a folder where a file was expected, permission denied, or
/// not UTF-8 text. Never the operating system's or Foundation's error dump.
public enum InputFile {
    /// The file at `path`, open for reading.
    public static func open(at path: String) throws -> FileHandle {
        guard !path.isEmpty else { throw InputFileError.noPathGiven }
        // Opened with the user's own group: a set-group-id Assay must not read the protected
        // database for them (ProcessPrivilege). The open descriptor is read afterwards.
        let fd = ProcessPrivilege.asUser { Glibc.open(path, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw failure(path, errno: errno) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw failure(path, errno: EISDIR)
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Every byte of the file at `path`.
    public static func data(at path: String) throws -> Data {
        let handle = try open(at: path)
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw readFailure(path, error)
        }
    }

    /// The file at `path` as text; refused unless it is UTF-8 (a byte-order mark is allowed).
    public static func text(at path: String) throws -> String {
        guard let text = String(data: try data(at: path), encoding: .utf8) else { throw notUTF8(path) }
        return text
    }

    /// The refusal of a file that is not UTF-8 text.
    public static func notUTF8(_ path: String) -> InputFileError {
        .notUTF8(path)
    }

    /// What went wrong opening `path`, from the `errno` of the failed call.
    public static func failure(_ path: String, errno code: Int32) -> InputFileError {
        switch code {
        case ENOENT, ENOTDIR: .noSuchFile(path)
        case EISDIR: .isAFolder(path)
        case EACCES, EPERM: .permissionDenied(path)
        default: .cannotRead(path, reason: String(cString: strerror(code)))
        }
    }

    /// A read that failed part-way (`error` from `FileHandle`), in one line naming `path`.
    public static func readFailure(_ path: String, _ error: Error) -> any Error {
        if error is InputFileError || error is AssayFailure { return error }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return failure(path, errno: Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return failure(path, errno: Int32(underlying.code))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileReadNoPermission, .fileWriteNoPermission: return failure(path, errno: EACCES)
            case .fileReadNoSuchFile, .fileNoSuchFile: return failure(path, errno: ENOENT)
            case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding: return notUTF8(path)
            default: break
            }
        }
        return InputFileError.cannotRead(path, reason: "a read error, \(ns.domain) \(ns.code)")
    }
}

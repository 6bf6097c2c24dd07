/// What is wrong with a file a person gave Assay to read, in one line naming it (`InputFile`).
public enum InputFileError: AssayError, Equatable {
    case noPathGiven
    case noSuchFile(String)
    case isAFolder(String)
    case permissionDenied(String)
    case notUTF8(String)
    /// The file could not be read (`reason`: the system's words).
    case cannotRead(String, reason: String)

    public var kind: ErrorKind {
        switch self {
        case .noSuchFile: .notFound
        case .noPathGiven, .isAFolder, .notUTF8: .invalidInput
        case .permissionDenied, .cannotRead: .storage
        }
    }

    public var place: InputPlace? {
        switch self {
        case .noPathGiven: nil
        case .noSuchFile(let path), .isAFolder(let path), .permissionDenied(let path), .notUTF8(let path), .cannotRead(let path, _):
            .file(path)
        }
    }

    public var description: String {
        switch self {
        case .noPathGiven: "No file given: name the file to read."
        case .noSuchFile(let path): "\(path): no such file."
        case .isAFolder(let path): "\(path): is a folder, not a file; give the file itself."
        case .permissionDenied(let path): "\(path): permission denied."
        case .notUTF8(let path): "\(path): not UTF-8 text; save it as UTF-8."
        case .cannotRead(let path, let reason): "\(path): cannot be read (\(reason))."
        }
    }
}

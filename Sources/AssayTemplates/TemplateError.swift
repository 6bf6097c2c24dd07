import AssayCore

/// What template registration and lookup refuse. (Problems inside a template file are
/// `InputRejected`, each with its line and field.) Worded for the command line by the shell
/// (ErrorWording.swift).
public enum TemplateError: AssayError, Equatable {
    /// `id` version `version` is registered already with other content.
    case changedContent(id: String, version: Int)
    /// No template `id` (of `version`, when given) is registered.
    case noTemplate(id: String, version: Int?)
    /// There is no file or folder at `path`.
    case noSuchPath(String)

    public var kind: ErrorKind {
        switch self {
        case .changedContent: .conflict
        case .noTemplate, .noSuchPath: .notFound
        }
    }

    public var description: String {
        switch self {
        case .changedContent(let id, let version):
            "Template \(id) version \(version) is already registered with different content; nothing was registered. "
                + "Bump the version to register a changed template."
        case .noTemplate(let id, let version): "No template \(id)\(version.map { " version \($0)" } ?? "") is registered."
        case .noSuchPath(let path): "\(path): no such file or directory."
        }
    }
}

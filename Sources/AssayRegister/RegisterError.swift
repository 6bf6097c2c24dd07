import AssayCore

/// What a register import refuses before reading its rows: a date in the future, a file
/// imported already, a service mapping to no service. (Problems in the rows themselves are
/// `InputRejected`, each with its line and field.) Worded for the command line by the shell
/// (ErrorWording.swift).
public enum RegisterError: AssayError, Equatable {
    /// The register's as-of date is after today.
    case asOfInFuture(CalendarDate)
    /// The file's content was imported already as `frame` (as of `asOf`); `sameDate`: under
    /// the same as-of date, else the import may be asked for as meant (`newAsOf`).
    case alreadyImported(file: String, frame: Int64, asOf: String, importedAt: String, importedBy: String, sameDate: Bool, newAsOf: CalendarDate)
    /// A local service name mapped to a code that is no service's.
    case unknownServiceCode(text: String, code: String)
    /// The file changed while it was read; nothing was imported.
    case fileChanged(String)

    public var kind: ErrorKind {
        switch self {
        case .asOfInFuture, .unknownServiceCode: .invalidInput
        case .alreadyImported, .fileChanged: .conflict
        }
    }

    public var place: InputPlace? {
        switch self {
        case .asOfInFuture: .argument("asOf")
        case .unknownServiceCode: .argument("serviceMap")
        case .alreadyImported, .fileChanged: nil
        }
    }

    public var description: String {
        switch self {
        case .asOfInFuture(let date):
            "The register's date \(date) is in the future; a register describes cases open on a past or present date."
        case .alreadyImported(let file, let frame, let asOf, let importedAt, let importedBy, let sameDate, let newAsOf):
            "\(file): this file's content was already imported as frame \(frame), as of \(asOf) (\(importedAt) by \(importedBy)); "
                + "nothing was imported."
                + (sameDate ? "" : " A new month's export of the register differs; this may really be the register as of \(newAsOf).")
        case .fileChanged(let file): "\(file) changed while it was being imported; nothing was imported. Try again."
        case .unknownServiceCode(let text, let code):
            "\(text)=\(code): unknown service code \"\(code)\" (codes: \(Service.allCases.map(\.code).joined(separator: ", ")))."
        }
    }
}

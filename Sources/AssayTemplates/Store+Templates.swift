import AssayCore
import AssayStore
import Foundation
import GRDB

/// A registered template: its identity and when it arrived.
public struct RegisteredTemplate: Sendable, Equatable {
    public let templateID: String
    public let version: Int
    public let title: String
    public let contentSHA256: String
    public let registeredAt: String
    public let registeredBy: String
}

extension Store {
    /// What happened to each template a registration was asked for.
    public enum RegistrationOutcome: Equatable, Sendable {
        case registered
        case alreadyRegistered
    }

    /// Registers `template` (lead only, unless `asSystem` for a new database's shipped
    /// templates). The same id and version with the same content is already there; with
    /// different content it is refused: a changed template needs a new version.
    @discardableResult
    public func register(_ template: AuditTemplate, checkRole: Bool = true) throws -> RegistrationOutcome {
        if checkRole { try require([.lead], to: "register templates") }
        return try write { tx in
            let existing = try tx.query { db in
                try String.fetchOne(db, sql: "SELECT content_sha256 FROM template WHERE template_id = ? AND version = ?",
                                    arguments: [template.id, template.version])
            }
            if let existing {
                if existing == template.contentSHA256 { return .alreadyRegistered }
                throw TemplateError.changedContent(id: template.id, version: template.version)
            }
            try tx.insert(TemplateRecord(templateID: template.id, version: template.version, title: template.title,
                                         content: template.source, contentSHA256: template.contentSHA256,
                                         registeredAt: tx.timestamp, registeredBy: tx.user.name))
            return .registered
        }
    }

    /// Every registered template version, by id then version.
    public func registeredTemplates() throws -> [RegisteredTemplate] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM template ORDER BY template_id, version").map {
                RegisteredTemplate(templateID: $0["template_id"], version: $0["version"], title: $0["title"],
                                   contentSHA256: $0["content_sha256"], registeredAt: $0["registered_at"], registeredBy: $0["registered_by"])
            }
        }
    }

    /// A registered template, parsed from its stored content (the latest version when
    /// `version` is nil), so audits under older versions keep reading correctly.
    public func template(id: String, version: Int? = nil) throws -> AuditTemplate {
        let content = try read { db in
            if let version {
                return try String.fetchOne(db, sql: "SELECT content FROM template WHERE template_id = ? AND version = ?", arguments: [id, version])
            }
            return try String.fetchOne(db, sql: "SELECT content FROM template WHERE template_id = ? ORDER BY version DESC LIMIT 1", arguments: [id])
        }
        guard let content else {
            throw TemplateError.noTemplate(id: id, version: version)
        }
        return try RegisteredTemplates.parsed(content, file: "\(id) (registered)")
    }
}

/// Registered templates as parsed, by their stored text: a template's text never changes
/// once registered (a change is a new version), and parsing its YAML again was a fifth of a
/// team page's time in the shell (docs/performance.md, "The team page"). Keyed by the text
/// itself, so a database edited behind Assay's back is parsed afresh, never served stale.
enum RegisteredTemplates {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var parsedByText: [String: AuditTemplate] = [:]

    static func parsed(_ content: String, file: String) throws -> AuditTemplate {
        let key = file + "\u{0}" + content
        if let known = lock.withLock({ parsedByText[key] }) { return known }
        let template = try TemplateLoader.load(text: content, file: file)
        lock.withLock {
            // A session holds a few templates; a bound keeps a long one from growing without end.
            if parsedByText.count >= 64 { parsedByText.removeAll() }
            parsedByText[key] = template
        }
        return template
    }
}

/// Finds the template files to register: a file, or every `*.yaml` in a directory.
public enum TemplateFiles {
    public static func paths(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw TemplateError.noSuchPath(path) }
        guard isDirectory.boolValue else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw InputFile.readFailure(path, error)
        }
        return names
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted().map { path + "/" + $0 }
    }

    /// The shipped templates: `$ASSAY_TEMPLATES`, else the `AuditTemplates` folder of the
    /// source tree the running `assay` was built in (found by walking up from the
    /// executable), else `./AuditTemplates`.
    public static func shippedDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["ASSAY_TEMPLATES"], !explicit.isEmpty { return explicit }
        var dir = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        for _ in 0..<6 {
            dir.deleteLastPathComponent()
            let candidate = dir.appendingPathComponent("AuditTemplates").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return FileManager.default.fileExists(atPath: "AuditTemplates") ? "AuditTemplates" : nil
    }
}

import AssayCore
import AssayOutput
import AssayTemplates
import ArgumentParser

/// `templates`: the registered templates.
struct TemplatesCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "templates", abstract: "List registered audit templates.")

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let rows = try store.registeredTemplates().map { t -> [Cell] in
            let parsed = try store.template(id: t.templateID, version: t.version)
            return [.text(t.templateID), .int(t.version), .text(t.title), .text(parsed.appliesTo.map(\.code).joined(separator: ",")),
                    .int(parsed.sections.count), .int(parsed.questions.count),
                    .text(output.format == .table ? String(t.contentSHA256.prefix(12)) : t.contentSHA256), .text(t.registeredAt)]
        }
        session.emit(Listing(columns: [Column("id"), Column("version"), Column("title"), Column("applies_to"), Column("sections"),
                                       Column("questions"), Column("content_sha256"), Column("registered_at")], rows: rows), as: output)
    }
}

/// `template show|check|register`.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Show, check or register an audit template.",
        subcommands: [TemplateShowCommand.self, TemplateCheckCommand.self, TemplateRegisterCommand.self])
}

struct TemplateShowCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a registered template's sections and questions.")

    @Argument(help: ArgumentHelp("Template id (see `templates`).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("A version (default the latest).", valueName: "n"))
    var version: Int?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let template = try session.store().template(id: id, version: version)
        if output.format == .table {
            session.write(TextPolicy.printable("\(template.title) — \(template.id) version \(template.version), for \(template.appliesTo.map(\.code).joined(separator: ", ")); looks back \(template.lookbackMonths) months") + "\n\n")
        }
        var rows: [[Cell]] = []
        for section in template.sections {
            for q in section.questions {
                rows.append([.text(section.id), .text(q.id), .text(q.kind.rawValue), .bool(q.required), .number(q.weight, decimals: 1),
                             .bool(q.limitsOverall), .text(q.prompt)])
            }
        }
        session.emit(Listing(columns: [Column("section"), Column("question"), Column("kind"), Column("required"), Column("weight"),
                                       Column("limits_overall", "limits"), Column("prompt")], rows: rows), as: output)
    }
}

struct TemplateCheckCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a template file and report every problem.")

    @Argument(help: ArgumentHelp("The YAML file.", valueName: "file"))
    var file: String

    func execute(in session: Session) throws {
        let template = try TemplateLoader.load(path: file)
        session.write("\(file): \(template.id) version \(template.version) is valid: \(template.sections.count) sections, \(template.questions.count) questions.\n")
    }
}

struct TemplateRegisterCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "register", abstract: "Register a template file, or every *.yaml in a directory (lead only).")

    @Argument(help: ArgumentHelp("A YAML file or a directory of them.", valueName: "file-or-dir"))
    var path: String

    func execute(in session: Session) throws {
        let store = try session.store()
        try store.require([.lead], to: "register templates")
        let templates = try TemplateFiles.paths(path).map(TemplateLoader.load(path:))  // check all before registering any
        for template in templates {
            switch try store.register(template) {
            case .registered: session.write("Registered \(template.id) version \(template.version).\n")
            case .alreadyRegistered: session.write("\(template.id) version \(template.version) is already registered, unchanged.\n")
            }
        }
    }
}

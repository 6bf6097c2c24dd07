import AssayCore
import AssayOutput
import AssaySampling
import ArgumentParser

/// `draw`: the month's stratified random sample (lead only); `draw show`, `draw verify`.
struct DrawCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw the month's stratified random sample of cases (lead only).",
        discussion: """
            Strata are the cross of --by fields (default team,locality). The total is shared by \
            --allocation after --min-per-stratum; cases drawn in the previous --exclude-recent \
            months are not eligible. Selection is by SHA-256 tickets of the seed and case id: \
            see docs/sampling.md. --dry-run shows the draw and its seed without storing it.
            """,
        subcommands: [DrawShowCommand.self, DrawVerifyCommand.self])

    @Option(help: ArgumentHelp("The month the sample is for (default the current month).", valueName: "yyyy-mm"))
    var month: Month?

    @Option(help: ArgumentHelp("Cases to draw in total.", valueName: "n"))
    var size: Int?

    @Option(name: .customLong("per-stratum"), help: ArgumentHelp("Draw this many from every stratum instead.", valueName: "k"))
    var perStratum: Int?

    @Option(help: ArgumentHelp("Frame id (default the latest).", valueName: "id"))
    var frame: Int64?

    @Option(help: ArgumentHelp("Stratify by these fields, comma-separated.", valueName: "fields"))
    var by: String = "team,locality"

    @Option(help: "proportional, equal or neyman.")
    var allocation: AllocationMethod = .proportional

    @Option(name: .customLong("min-per-stratum"), help: ArgumentHelp("Every stratum gets at least this many (if it has them).", valueName: "k"))
    var minPerStratum: Int = 1

    @Option(name: .customLong("exclude-recent"), help: ArgumentHelp("Leave out cases drawn in this many previous months.", valueName: "m"))
    var excludeRecent: Int = 3

    @Option(name: .customLong("include-reaudits"), help: ArgumentHelp(
        "Also add cases judged inadequate at least this many weeks before the month and not audited since (flagged; never in estimates).",
        valueName: "weeks"))
    var includeReaudits: Int?

    @Option(help: ArgumentHelp("Only cases of these services, comma-separated codes.", valueName: "codes"))
    var services: String?

    @Option(help: ArgumentHelp("The seed (any text); default 32 secure random bytes.", valueName: "seed"))
    var seed: String?

    @Flag(name: .customLong("dry-run"), help: "Show the draw and its seed; store nothing.")
    var dryRun = false

    @Flag(help: "Replace the month's existing draw (needs --reason).")
    var replace = false

    @Option(help: ArgumentHelp("Why the draw is replaced.", valueName: "text"))
    var reason: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        // Checked here, not in validate(): ArgumentParser validates a parent command even
        // when one of its subcommands (`draw show`) is the one being run.
        if (size == nil) == (perStratum == nil) { throw AssayFailure("draw: give exactly one of --size N or --per-stratum K.") }
        if replace && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw AssayFailure("draw: --replace needs --reason TEXT.") }
        if !replace && reason != nil { throw AssayFailure("draw: --reason goes with --replace.") }
        let store = try session.store()
        try store.require([.lead], to: "draw a sample")
        var request = DrawRequest(month: month ?? session.month,
                                  size: size.map { .total($0) } ?? .perStratum(perStratum ?? 0))
        request.frameID = frame
        request.byFields = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        request.services = try services.map(ServiceList.parse)
        request.allocation = allocation
        request.minimumPerStratum = minPerStratum
        request.excludeRecentMonths = excludeRecent
        request.seed = seed
        let draw = try DrawMaker(store: store).make(request)
        for note in draw.notes { session.notice(note) }
        let reaudits = try includeReaudits.map {
            try store.reauditCandidates(month: draw.month, weeks: $0, frameID: draw.frameID, drawn: Set(draw.cases.map(\.caseID)))
        } ?? []
        if dryRun {
            DrawPrinter(session: session, format: output.format, reaudits: reaudits, rawCSV: output.rawCSV).print(draw, stored: nil)
            if output.format == .table { session.write("\nDry run: nothing stored. Draw these cases with --seed \(draw.seed)\n") }
            return
        }
        let id = try store.saveDraw(draw, reaudits: reaudits, replaceReason: replace ? reason : nil)
        let stored = try store.storedDraw(month: nil, id: id)
        DrawPrinter(session: session, format: output.format, reaudits: reaudits, rawCSV: output.rawCSV).print(draw, stored: stored)
    }
}

/// Which stored draw `draw show` and `draw verify` mean: a month's current draw, or any by id.
struct DrawSelection: ParsableArguments {
    @Argument(help: ArgumentHelp("The month (default the current month).", valueName: "yyyy-mm"))
    var month: Month?

    @Option(help: ArgumentHelp("A draw by id (replaced draws too).", valueName: "id"))
    var id: Int64?

    func resolve(in session: Session) throws -> StoredDraw {
        try session.store().storedDraw(month: id == nil ? month ?? session.month : nil, id: id)
    }
}

struct DrawShowCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a month's draw: inputs, allocation and cases.")

    @OptionGroup var selection: DrawSelection
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let stored = try selection.resolve(in: session)
        DrawPrinter(session: session, format: output.format, reaudits: try session.store().drawReaudits(drawID: stored.id), rawCSV: output.rawCSV)
            .print(stored.draw, stored: stored)
    }
}

struct DrawVerifyCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Re-derive a month's draw from its stored inputs and compare.")

    @OptionGroup var selection: DrawSelection

    func execute(in session: Session) throws {
        let stored = try selection.resolve(in: session)
        let problems = try DrawVerifier(store: session.store()).verify(stored)
        if problems.isEmpty {
            session.write("Draw \(stored.id) for \(stored.draw.month) is identical when re-derived from its stored inputs: \(stored.draw.total) cases in \(stored.draw.strata.count) strata.\n")
        } else {
            throw AssayFailure("Draw \(stored.id) for \(stored.draw.month) does NOT match its stored inputs:\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
    }
}

extension AllocationMethod: ExpressibleByArgument {}

/// Reads `--services a,b`.
enum ServiceList {
    static func parse(_ text: String) throws -> [Service] {
        try text.split(separator: ",").map { raw in
            guard let s = Service(matching: String(raw)) else {
                throw AssayFailure("--services \(raw): unknown service (codes: \(Service.allCases.map(\.code).joined(separator: ", "))).")
            }
            return s
        }
    }
}

import AssayCore
import AssaySampling
import AssayStore
import ArgumentParser

/// `export evidence-pack MONTH --out DIR`: what an inspector needs to check a month's figures
/// without Assay (docs/integrity.md, "Evidence packs").
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records for others to check.",
        subcommands: [ExportEvidencePackCommand.self, ExportReturnCommand.self])
}

struct ExportEvidencePackCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence-pack",
        abstract: "The months' frames, every draw in its JSON format with its verification, audits with real case ids, and the audit log segment with its head (lead only).",
        discussion: "DIR is created (0700) or must be empty; every file is 0600. README.txt in the pack says how to check it; docs/evidence-pack.md describes every file.")

    @Argument(help: ArgumentHelp("The months (one or more).", valueName: "yyyy-mm"))
    var months: [Month]

    @Option(help: ArgumentHelp("A new or empty directory.", valueName: "dir"))
    var out: String

    func validate() throws {
        if months.isEmpty { throw ValidationError("Name at least one month.") }
    }

    func execute(in session: Session) throws {
        let months = Array(Set(months)).sorted()
        let store = try session.existingStore()
        try store.require([.lead], to: "export evidence packs")
        let verifier = DrawVerifier(store: store)
        let draws = try store.draws(months: months).map { stored in
            let printer = DrawPrinter(session: session, format: .json, reaudits: try store.drawReaudits(drawID: stored.id))
            return EvidencePack.Draw(id: stored.id, month: stored.draw.month, status: stored.status,
                                     json: printer.jsonText(stored.draw, stored: stored),
                                     verification: Self.verification(of: stored, problems: try verifier.verify(stored)))
        }
        let summary = try EvidencePack(months: months, draws: draws).write(from: store, to: out)
        let list = months.map(\.description).joined(separator: ", ")
        session.write("""
            Wrote the evidence pack for \(list) to \(out)/: \(summary.files.count) files (0600), \(draws.count) \(draws.count == 1 ? "draw" : "draws"), \
            \(summary.frameCases) frame cases, \(summary.audits) audits, audit log entries \(summary.segmentStart) to \(summary.head.seq).
            Chain head \(summary.head). Check it without Assay: Scripts/reproduce-draw \(out); Scripts/verify-log \(out)

            """)
    }

    static func verification(of stored: StoredDraw, problems: [String]) -> String {
        let draw = stored.draw
        let what = "Draw \(stored.id) for \(draw.month) (\(stored.status))"
        return problems.isEmpty
            ? "\(what) is identical when re-derived from its stored inputs: \(draw.total) cases in \(draw.strata.count) strata.\n"
            : "\(what) does NOT match its stored inputs:\n" + problems.map { "  \($0)\n" }.joined()
    }
}

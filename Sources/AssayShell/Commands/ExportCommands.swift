import AssayCore
import AssaySampling
import AssayStore
import ArgumentParser

/// `export evidence-pack MONTH --out DIR`: what an inspector needs to check a month's figures
/// without Assay (docs/integrity.md, "Evidence packs").
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records for others to check.",
        subcommands: [ExportEvidencePackCommand.self])
}

struct ExportEvidencePackCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence-pack",
        abstract: "A month's frame, draw record and its verification, audits with real case ids, and the audit log segment with its head (lead only).",
        discussion: "DIR is created (0700) or must be empty; every file is 0600. README.txt in the pack says how to check it.")

    @Argument(help: ArgumentHelp("The month.", valueName: "yyyy-mm"))
    var month: String

    @Option(help: ArgumentHelp("A new or empty directory.", valueName: "dir"))
    var out: String

    func execute(in session: Session) throws {
        let month = try MonthOption.parse(month, option: "evidence-pack")
        let store = try session.existingStore()
        try store.require([.lead], to: "export evidence packs")
        let draw = try store.storedDraw(month: month)
        let problems = try DrawVerifier(store: store).verify(draw)
        let drawCheck = problems.isEmpty
            ? "Draw \(draw.id) for \(month) is identical when re-derived from its stored inputs: \(draw.draw.total) cases in \(draw.draw.strata.count) strata.\n"
            : "Draw \(draw.id) for \(month) does NOT match its stored inputs:\n" + problems.map { "  \($0)\n" }.joined()
        let summary = try EvidencePack(month: month, drawID: draw.id, drawVerification: drawCheck).write(from: store, to: out)
        session.write("""
            Wrote the evidence pack for \(month) to \(out)/: \(summary.files.count) files (0600), \(summary.frameCases) frame cases, \
            \(summary.audits) audits, audit log entries \(summary.segmentStart) to \(summary.head.seq).
            Chain head \(summary.head). Check it without Assay: Scripts/reproduce-draw \(out)/records.db \(month); Scripts/verify-log \(out)

            """)
    }
}

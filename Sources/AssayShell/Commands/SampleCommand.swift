import AssayCore
import AssayOutput
import AssaySampling
import ArgumentParser
import GRDB

/// `sample [MONTH]`: the month's drawn cases, by team, with their audit status.
struct SampleCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "List the month's drawn cases with their audit status, by team.")

    @Argument(help: ArgumentHelp("The month (default the current month).", valueName: "yyyy-mm"))
    var month: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let stored = try store.storedDraw(month: MonthOption.parse(month, default: session.month, option: "month"))
        let details = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.case_id, f.team, f.locality, f.service, f.worker FROM draw_case c
                JOIN draw d ON d.id = c.draw_id
                JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = c.case_id
                WHERE c.draw_id = ? ORDER BY f.team, f.locality, c.case_id
                """, arguments: [stored.id])
        }
        // Audits are not recorded yet, so every drawn case is "not started" with no auditor.
        session.emit(Listing(
            columns: [Column("case_id"), Column("team"), Column("locality"), Column("service"), Column("worker"),
                      Column("status"), Column("auditor")],
            rows: details.map { r in
                [.text(r["case_id"]), .text(r["team"]), .text(r["locality"]), .optional(r["service"]), .optional(r["worker"]),
                 .text("not started"), .null]
            }), as: output.format)
    }
}

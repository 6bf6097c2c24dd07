import AssayCore
import AssayOutput
import ArgumentParser

/// `frames`: every imported register.
struct FramesCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames", abstract: "List imported case registers (sampling frames).")

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let frames = try session.store().frames()
        session.emit(Listing(
            columns: [Column("id"), Column("as_of"), Column("source"), Column("cases"),
                      Column("imported_at"), Column("imported_by"), Column("source_sha256")],
            rows: frames.map { f in
                [.int(Int(f.id)), .text(f.asOf), .text(f.sourceName), .int(f.rowCount), .text(f.importedAt),
                 .text(f.importedBy), .text(output.format == .table ? String(f.sourceSHA256.prefix(12)) : f.sourceSHA256)]
            }), as: output)
    }
}

/// `frame show [ID]`: one frame's cases per team × locality.
struct FrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frame", abstract: "Show one imported register.", subcommands: [FrameShowCommand.self])
}

struct FrameShowCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Open cases per team and locality in a frame (default: the latest).")

    @Argument(help: ArgumentHelp("Frame id (see `frames`).", valueName: "id"))
    var id: Int64?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let frame = try store.frame(id: id)
        let counts = try store.stratumCounts(frameID: frame.id)
        if output.format == .table {
            session.write("Frame \(frame.id): \(frame.rowCount) open cases as of \(frame.asOf), from \(TextPolicy.printable(frame.sourceName, kind: .line)) (sha256 \(frame.sourceSHA256.prefix(12))…)\n\n")
        }
        session.emit(Listing(
            columns: [Column("frame_id"), Column("team"), Column("locality"), Column("cases")],
            rows: counts.map { [.int(Int(frame.id)), .text($0.team), .text($0.locality), .int($0.cases)] }),
            as: output)
    }
}

import AssayCore

/// README.txt inside an evidence pack: what each file is and how to check it, in plain words,
/// for an inspector who has the pack and nothing else (docs/evidence-pack.md has the detail).
struct PackReadme {
    let months: [String]
    let draws: [(id: Int64, month: String, status: String, file: String)]
    let frames: [PackFiles.FrameFile]
    let head: ChainHead
    let segmentStart: Int64

    var text: String {
        let drawLines = draws.isEmpty ? ["  (no draw was made in these months)"] : draws.map { draw in
            "  \(draw.file.padding(toLength: 22, withPad: " ", startingAt: 0)) the draw of \(draw.month) (\(draw.status))"
        }
        let frameLines = frames.map { frame in
            "  \(frame.file.padding(toLength: 22, withPad: " ", startingAt: 0)) register frame \(frame.id): \(frame.cases) cases"
                + (frame.keptAttributes.isEmpty ? "" : "; kept attributes \(frame.keptAttributes.joined(separator: ", "))")
        }
        return """
        Assay evidence pack: \(months.joined(separator: ", "))

        This folder lets you check, without Assay and without its database, that the case
        samples of these months were drawn as Assay's documentation says, and that the records
        here are the ones Assay logged. Every file is private (0600): it names children's cases.
        The audit log's chain head when the pack was made: \(head)

        What each file is
          README.txt             this note
          pack.json              what the pack covers: months, draws, frames, the chain head
        \(drawLines.joined(separator: "\n"))
                                 each draw: its seed, settings, strata with their sizes,
                                 excluded cases, the selected cases with their tickets, and any
                                 cases added for re-audit (outside the random sample)
        \(frameLines.joined(separator: "\n"))
                                 the cases a draw was made from, one a line, with every
                                 attribute a draw could be stratified on
          draw-verification.txt  Assay's own re-derivation of each draw when the pack was made
          audits.csv             the months' audits, real case ids, with the auditor's overall
                                 grade, the moderated (agreed) one and the official one
          answers.csv            every answer of those audits, with its evidence
          audit-log.jsonl        the audit log from entry \(segmentStart) to the head, one entry a line
          log-segment.json       the log segment's first entry, the hash before it, the head
          records.db             the same records as SQLite rows, exactly as logged
          chain-head.txt         the audit log's head, SEQ:HASH
          verification.txt       `assay verify` on the whole database when the pack was made

        How to check it (Python 3 only; the two scripts come with Assay's source, in Scripts/,
        and share no code with Assay)

          Scripts/reproduce-draw .              re-derives every draw above from its JSON file
                                                and its frame alone, case for case: "identical"
                                                for each and exit status 0, or every difference
          Scripts/verify-log .                  recomputes the log's hash chain, checks it ends
                                                at the head, and that every row in records.db is
                                                the one last logged
          Scripts/verify-log . --head SEQ:HASH  also checks a head published earlier (in a
                                                report's footer or the minutes of a meeting)

        By hand: docs/sampling.md states the draw's algorithm step by step, with worked
        examples; docs/evidence-pack.md states every file of this pack byte for byte, with
        schemas in docs/schemas/. A case's ticket is SHA-256 of the seed and the case id, each
        preceded by its length in UTF-8 bytes as 8 bytes big-endian; within each stratum the
        cases with the smallest tickets are selected.

        In the CSV files, a text value that a spreadsheet would run as a formula (it begins with
        = + - @, a tab or a carriage return), or that begins with an apostrophe, has one more
        apostrophe before it: remove one leading ' to get the value as stored. records.db holds
        every value exactly.

        """
    }
}

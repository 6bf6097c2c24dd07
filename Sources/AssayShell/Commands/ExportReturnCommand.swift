import ArgumentParser
import AssayCore
import AssayReports
import AssayReturn
import AssayStore

/// `export return --from M --to M --out FILE`: the authority's signed return to its region
/// (docs/regional.md): per month and stratum, counts only, small ones suppressed unless the
/// region's data-sharing agreement allows exact counts.
struct ExportReturnCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "return",
        abstract: "The signed return of the months' counts for the regional hub (lead only).",
        discussion: "Per month and sampling stratum: frame cases, audits, each grade, domains, moderation agreement, actions; no case id, name or evidence. Counts from 1 to K−1 are [c] as in a public report unless --exact-counts. Signed with the key from `keys init`.")

    @Option(help: ArgumentHelp("The first month.", valueName: "yyyy-mm"))
    var from: Month

    @Option(help: ArgumentHelp("The last month.", valueName: "yyyy-mm"))
    var to: Month

    @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
    var out: String

    @Flag(name: .customLong("exact-counts"),
          help: "Exact counts, no suppression: only where the region's data-sharing agreement allows it (the return says so).")
    var exactCounts = false

    @Option(name: .customLong("suppress-below"),
            help: ArgumentHelp("K: counts from 1 to K−1 are suppressed (default 5).", valueName: "K"))
    var suppressBelow: Int?

    func validate() throws {
        if let k = suppressBelow {
            guard !exactCounts else { throw ValidationError("--suppress-below and --exact-counts exclude each other.") }
            guard k >= 2 else { throw ValidationError("--suppress-below must be 2 or more (counts from 1 to K−1 are suppressed).") }
        }
    }

    func execute(in session: Session) throws {
        let through = to
        let store = try session.existingStore()
        try store.require([.lead], to: "export returns")
        try PrivateFile.regularTarget(out)
        let key = try SigningKey.load(from: SigningKey.path(forDatabase: session.databasePath))
        let counts: AuthorityReturn.Counts = exactCounts
            ? .exact : .suppressed(threshold: suppressBelow ?? SmallCountSuppression.defaultThreshold)
        let signed = try ReturnMaker.make(store: store, from: from, through: through, counts: counts, key: key,
                                          assayVersion: AssayVersion.current)
        try PrivateFile.write(signed.fileBytes, to: out)
        let body = signed.body
        let audits = body.strata.compactMap(\.audited.value).reduce(0, +)
        let mode = exactCounts ? "exact counts" : "counts from 1 to \((suppressBelow ?? SmallCountSuppression.defaultThreshold) - 1) shown as [c]"
        session.write("""
            Wrote the return of \(body.authority) for \(from) to \(through) to \(out): \(body.strata.count) strata, \
            \(audits) audits in strata shown, \(mode). Signed with key \(body.keyID.prefix(16))…; chain head \(body.chainHead).

            """)
    }
}

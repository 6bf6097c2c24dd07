import ArgumentParser
import AssayReports

/// `--public` and `--suppress-below K`: a report's public version, for papers published on a
/// committee's agenda, with counts from 1 to K−1 suppressed by SmallCountSuppression
/// (docs/reports.md, "Public versions: small counts suppressed").
struct PublicOptions: ParsableArguments {
    @Flag(name: .customLong("public"),
          help: "A public version: counts from 1 to K−1 (and what would give them back: totals, the next smallest count, rates) shown as [c].")
    var isPublic = false

    @Option(name: .customLong("suppress-below"),
            help: ArgumentHelp("K for --public: counts from 1 to K−1 are suppressed (default 5).", valueName: "K"))
    var suppressBelow: Int?

    func validate() throws {
        if let k = suppressBelow {
            guard isPublic else { throw ValidationError("--suppress-below is for a public version: give --public too.") }
            guard k >= 2 else { throw ValidationError("--suppress-below must be 2 or more (counts from 1 to K−1 are suppressed).") }
        }
    }

    /// The rule, or nil for the internal version.
    var suppression: SmallCountSuppression? {
        isPublic ? SmallCountSuppression(threshold: suppressBelow ?? SmallCountSuppression.defaultThreshold) : nil
    }
}

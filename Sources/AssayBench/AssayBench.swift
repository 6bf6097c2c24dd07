import ArgumentParser

/// `assay-bench`: the benchmark's data (docs/performance.md). Deterministic synthetic
/// registers at any scale, and years of submitted audits loaded through the store's bulk
/// path and audit log. `Scripts/bench` drives it and times Assay against its peers.
@main
struct AssayBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay-bench",
        abstract: "Synthetic data for Scripts/bench.",
        subcommands: [RegisterCommand.self, LoadAuditsCommand.self, EstimatesCommand.self, ReturnsCommand.self])
}

import ArgumentParser

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "register", abstract: "Write a synthetic register CSV.")

    @Option var rows: Int
    @Option var teams: Int
    @Option var localities: Int
    @Option var seed: UInt64 = 2026
    @Option var out: String

    func run() throws {
        try SyntheticRegister(rows: rows, teams: teams, localities: localities, seed: seed).write(to: out)
    }
}

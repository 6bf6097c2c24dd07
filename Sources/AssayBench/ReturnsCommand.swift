import AssayCore
import AssayReturn
import ArgumentParser
import Foundation

/// Synthetic signed authority returns for the regional hub's scale test (Scripts/bench,
/// docs/performance.md): each authority its own key pair, one exact-count return of every
/// month of the years, 20 strata a month (teams in four localities) with N_h, n_h, grades,
/// five domains, moderation and actions. Deterministic but for the keys.
struct ReturnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "returns", abstract: "Write synthetic signed returns and public keys to a folder.")

    @Option var authorities = 150
    @Option var years = 10
    @Option(help: "The last month.") var to = "2026-11"
    @Option var strata = 20
    @Option var out: String

    func run() throws {
        guard let last = Month(to) else { throw ValidationError("--to: YYYY-MM") }
        let first = last.adding(months: -(12 * years - 1))
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for a in 0..<authorities {
            var random = Stream(seed: UInt64(a) &* 0x9E37_79B9_7F4A_7C15 &+ 23)
            let name = String(format: "Authority %03d", a)
            let key = try SigningKey.create(authority: name, at: "\(out)/a\(a).signing-key")
            try (key.publicKey.json.canonicalBytes + [0x0A]).write(to: "\(out)/a\(a).pub")
            let inadequateShare = 0.04 + 0.08 * random.unit()
            var rows: [AuthorityReturn.Stratum] = []
            var month = first
            var draw: Int64 = 1
            while month <= last {
                for p in 0..<strata {
                    let population = 20 + random.below(180)
                    let audited = 2 + random.below(5)
                    var grades = [0, 0, 0, 0]
                    for _ in 0..<audited {
                        let u = random.unit()
                        grades[u < inadequateShare ? 3 : u < 0.3 ? 2 : u < 0.85 ? 1 : 0] += 1
                    }
                    var domains: [String: [AuthorityReturn.Figure]] = [:]
                    for section in ["assessment", "planning", "risk", "voice", "oversight"] {
                        var d = [0, 0, 0, 0]
                        for _ in 0..<audited { d[random.below(4)] += 1 }
                        domains[section] = d.map { .count($0) }
                    }
                    let moderated = random.below(2), raised = random.below(4)
                    let onTime = raised == 0 ? 0 : random.below(raised + 1)
                    rows.append(AuthorityReturn.Stratum(
                        month: month, draw: draw, position: p, key: ["team": "Team \(p)", "locality": "Locality \(p % 4)"],
                        frameCases: .count(population), audited: .count(audited), grades: grades.map { .count($0) }, domains: domains,
                        moderated: .count(moderated), moderationAgreed: .count(moderated), actionsRaised: .count(raised),
                        actionsDoneOnTime: .count(onTime), actionsOverdue: .count(raised - onTime)))
                }
                month = month.adding(months: 1)
                draw += 1
            }
            let body = AuthorityReturn(authority: name, keyID: key.publicKey.keyID, from: first, to: last, madeAt: "2026-12-01T09:00:00Z",
                                       asOf: CalendarDate(parsing: "2026-12-01")!, chainHead: "1:" + String(repeating: "0", count: 64),
                                       assayVersion: "bench", counts: .exact, templates: [], strata: rows)
            try SignedReturn.sign(body, with: key).fileBytes.write(to: "\(out)/a\(a).json")
        }
        print(#"{"authorities": \#(authorities), "months": \#(12 * years), "strata_per_month": \#(strata)}"#)
    }

    /// SplitMix64: the same numbers on every machine.
    struct Stream {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z &>> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }
}

private extension Array where Element == UInt8 {
    func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}

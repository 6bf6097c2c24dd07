import AssayCore
import AssayOutput
import AssaySampling
import AssayStatistics
import ArgumentParser

/// `plan`: how many audits a month are needed — for a given precision on the authority's
/// and each group's inadequate rate, or to detect a change in a team's rate
/// (docs/statistics.md, "Sample-size planning").
struct PlanCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Sample-size planning: audits needed for a margin of error, or to detect a change.",
        discussion: """
            plan --expected 0.2 --margin 0.05            audits a month for ±5 points on the rates
            plan --detect 0.25,0.15 [--power 0.8]        audits (and months) to show a fall from 25% to 15%
            """)

    @Option(help: ArgumentHelp("Expected inadequate rate, 0–1.", valueName: "p"))
    var expected: Double?

    @Option(help: ArgumentHelp("Half-width of the interval wanted, 0–1.", valueName: "e"))
    var margin: Double?

    @Option(help: "Confidence level for the margin.")
    var confidence: Double = 0.95

    @Option(help: ArgumentHelp("Rates now and after the change, e.g. 0.25,0.15.", valueName: "p1,p2"))
    var detect: String?

    @Option(help: "Power to detect the change.")
    var power: Double = 0.8

    @Option(help: "Significance level (two-sided).")
    var alpha: Double = 0.05

    @Option(help: ArgumentHelp("The month whose draw gives each group's audits a month (default the current month).", valueName: "yyyy-mm"))
    var month: Month?

    @Option(help: ArgumentHelp("Groups to plan for, comma-separated register fields.", valueName: "fields"))
    var by: String = "team"

    @Option(help: ArgumentHelp("Frame id for the populations (default the latest).", valueName: "id"))
    var frame: Int64?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let frame = try store.frame(id: frame)
        let planFields = try by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { field in
            guard let planField = PlanField(rawValue: field) else {
                throw AssayFailure.usage("--by \(field): plan groups by team, locality or service." + EditDistance.didYouMean(field, among: ["team", "locality", "service"]))
            }
            return planField
        }
        let fields = planFields.map(\.rawValue)
        let groups = try store.frameGroupSizes(frameID: frame.id, by: planFields)

        switch (expected, margin, detect) {
        case let (p?, e?, nil):
            try planForMargin(p: p, e: e, groups: groups, fields: fields, total: frame.rowCount, session: session)
        case let (nil, nil, change?):
            try planForChange(change, groups: groups, fields: fields, session: session)
        default:
            throw AssayFailure("plan: give --expected P and --margin E, or --detect P1,P2.")
        }
    }

    private func group(_ fields: [String], _ key: [String]) -> Cell {
        .group(zip(fields, key).map { GroupField($0, .text($1)) })
    }

    private func planForMargin(p: Double, e: Double, groups: [(key: [String], population: Int)], fields: [String], total: Int, session: Session) throws {
        let authority = try SampleSizePlan.auditsForMargin(expected: p, margin: e, confidence: confidence, population: total)
        var rows: [[Cell]] = [[.group(fields.map { GroupField($0, .text("(authority)")) }), .int(total), .number(authority.n0, decimals: 1), .int(authority.n)]]
        var sum = 0
        for g in groups {
            let plan = try SampleSizePlan.auditsForMargin(expected: p, margin: e, confidence: confidence, population: g.population)
            sum += plan.n
            rows.append([group(fields, g.key), .int(g.population), .number(plan.n0, decimals: 1), .int(plan.n)])
        }
        if output.format == .table {
            session.write("Audits a month for a ±\(percent(e)) interval (\(percent(confidence)) confidence) around an inadequate rate of \(percent(p)):\n")
            session.write("authority-wide \(authority.n); every \(fields.joined(separator: " × ")) to that precision: \(sum) in all.\n\n")
        }
        session.emit(Listing(columns: [Column("group"), Column("population"), Column("n0"), Column("audits")], rows: rows), as: output)
    }

    private func planForChange(_ change: String, groups: [(key: [String], population: Int)], fields: [String], session: Session) throws {
        let parts = change.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let p1 = parts[0], let p2 = parts[1] else {
            throw AssayFailure("--detect \(change): write two rates, e.g. --detect 0.25,0.15.")
        }
        let needed = try SampleSizePlan.auditsToDetect(from: p1, to: p2, power: power, alpha: alpha)
        let drawMonth = month ?? session.month
        let perMonth = try currentAllocation(fields: fields, month: drawMonth, session: session)
        let rows: [[Cell]] = groups.map { g in
            let monthly = perMonth?[g.key] ?? 0
            let months = SampleSizePlan.monthsToDetect(auditsNeeded: needed, perMonth: monthly)
            return [group(fields, g.key), .int(g.population), perMonth == nil ? .null : .int(monthly), .int(needed), months.map { .int($0) } ?? .null]
        }
        if output.format == .table {
            session.write("To show a change from \(percent(p1)) to \(percent(p2)) inadequate (two-sided test at α = \(alpha), power \(percent(power))): \(needed) audits before and \(needed) after, per group.\n")
            session.write(perMonth == nil ? "No draw for \(drawMonth) yet: months at the current allocation are unknown.\n\n"
                                          : "Months at each group's allocation in the \(drawMonth) draw:\n\n")
        }
        session.emit(Listing(columns: [Column("group"), Column("population"), Column("audits_per_month"), Column("audits_needed"), Column("months")], rows: rows), as: output)
    }

    /// Audits a month each group gets in the current month's draw, if there is one.
    private func currentAllocation(fields: [String], month: Month, session: Session) throws -> [[String]: Int]? {
        guard let stored = try? session.store().storedDraw(month: month) else { return nil }
        return try session.store().drawnGroupSizes(stored, by: fields.compactMap(PlanField.init(rawValue:)))
    }

    private func percent(_ x: Double) -> String { (x * 100).formatted(.number.precision(.fractionLength(0...1))) + "%" }
}

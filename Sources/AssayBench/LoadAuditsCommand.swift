import AssayAudits
import AssayCore
import AssaySamples
import AssaySampling
import AssayStore
import AssayTemplates
import ArgumentParser
import Foundation

/// Months of draws from the database's latest frame, each drawn case audited with 30
/// graded answers, loaded with `Store.submitInBulk` (the documented bulk path: the same
/// rows and audit log entries as `audit CASE --answers FILE`, many audits a transaction).
struct LoadAuditsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load-audits", abstract: "Draw and audit months of cases.")

    @OptionGroup var database: StoreOptions
    @Option var audits: Int
    @Option var months = 120
    @Option var last = "2026-11"
    @Option var seed: UInt64 = 2026
    @Option var batch = 2000

    func run() throws {
        guard let lastMonth = Month(last) else { throw ValidationError("--last: YYYY-MM") }
        let store = try database.store()
        let template = try TemplateLoader.load(text: BenchTemplate.yaml, file: "bench.yaml")
        _ = try store.register(template)
        var random = SplitMix64(seed: seed)
        let perMonth = max(1, audits / months)
        var loaded = 0
        let started = Date()
        for index in 0..<months {
            let month = lastMonth.adding(months: index - months + 1)
            var request = DrawRequest(month: month, size: .total(perMonth))
            request.excludeRecentMonths = 0
            request.minimumPerStratum = 0
            request.seed = "bench-\(month)"
            let draw = try DrawMaker(store: store).make(request)
            let drawID = try store.saveDraw(draw, replaceReason: nil)
            var batchAudits: [Store.BulkAudit] = []
            for drawn in draw.cases {
                let key = draw.strata[drawn.stratumPosition].key.values
                let team = key[0], locality = key[1]
                // Teams differ: a team's share of weak audits rises with its number (10% to 37%).
                let teamNumber = Int(team.split(separator: " ").last ?? "1") ?? 1
                let weak = random.fraction() < 0.1 + 0.3 * Double(teamNumber % 10) / 10.0
                var answers: [Answer] = []
                var grades: [String: Grade] = [:]
                for question in BenchTemplate.questionIDs {
                    let u = random.fraction()
                    let grade: Grade = weak
                        ? (u < 0.6 ? .inadequate : u < 0.9 ? .requiresImprovement : .good)
                        : (u < 0.05 ? .inadequate : u < 0.25 ? .requiresImprovement : u < 0.85 ? .good : .outstanding)
                    grades[question] = grade
                    answers.append(Answer(questionID: question, value: String(grade.rawValue), grade: grade, skipped: false, evidence: nil, reason: nil))
                }
                let overall = SuggestedGrades(template: template, answers: grades).overall ?? .good
                batchAudits.append(Store.BulkAudit(
                    theCase: AuditedCase(caseID: drawn.caseID, month: month, drawID: drawID, team: team, locality: locality,
                                         service: nil, worker: nil, opened: nil),
                    answers: answers, overall: overall, reason: nil))
                if batchAudits.count == batch {
                    try store.submitInBulk(batchAudits, template: template)
                    loaded += batchAudits.count
                    batchAudits.removeAll(keepingCapacity: true)
                }
            }
            if !batchAudits.isEmpty {
                try store.submitInBulk(batchAudits, template: template)
                loaded += batchAudits.count
            }
            FileHandle.standardError.write(Data("\r\(month): \(loaded) audits loaded (\(Int(Date().timeIntervalSince(started))) s)".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

import AssayCore
import AssayStore
import GRDB

/// A frame's cases as a draw needs them, and no more: how many cases each stratum has, the
/// cases a recent draw excludes, and for every eligible case its ticket and its row. A case's
/// id is read again only if it is drawn.
///
/// A draw over a million cases had kept every case id (twice, while the parts of the read
/// were joined, and once more sorted into strata) before computing any ticket: 383 MB at its
/// peak. The tickets are now computed as the frame is read, on every core at once, and a
/// case costs 40 bytes until the picks are made (docs/performance.md, "The draw").
struct DrawCandidates {
    /// An eligible case: its ticket, and the row that holds its id.
    struct Candidate: Sendable {
        let ticket: Ticket.Value
        let rowID: Int64
    }

    /// What one part of the scan keeps, by the part's own stratum numbers.
    struct Sink: FrameCaseSink {
        var machine: Ticket.Machine
        let excluded: [String: Month]
        var population: [Int] = []
        var eligible: [[Candidate]] = []
        var exclusions: [(caseID: String, month: Month)] = []

        mutating func take(rowID: Int64, caseID: String, stratum: Int) {
            if stratum == population.count {
                population.append(0)
                eligible.append([])
            }
            population[stratum] += 1
            if !excluded.isEmpty, let month = excluded[caseID] {
                exclusions.append((caseID, month))
            } else {
                eligible[stratum].append(Candidate(ticket: machine.ticket(for: caseID), rowID: rowID))
            }
        }
    }

    /// The distinct stratum keys, in the order their first case appears.
    let strata: [StratumKey]
    /// Cases in each stratum (the stratum's population, N_h), eligible or not.
    let population: [Int]
    /// Each stratum's eligible cases, in id order.
    let eligible: [[Candidate]]
    /// Cases left out because a recent draw took them, each with that draw's month.
    let exclusions: [(caseID: String, month: Month)]

    var caseCount: Int { population.reduce(0, +) }

    /// Reads the frame (`FrameScan`), computing each eligible case's ticket under `seed`.
    static func load(_ store: Store, frame: Frame, byFields: [String], services: [Service]?,
                     excluded: [String: Month], seed: String, partSize: Int64 = 100_000) throws -> DrawCandidates {
        var parts = try FrameScan(frame: frame, byFields: byFields, services: services)
            .run(store, partSize: partSize) { Sink(machine: Ticket.Machine(seed: seed), excluded: excluded) }
        let (strata, renumbered) = FrameScan.joinedStrata(parts)
        var population = [Int](repeating: 0, count: strata.count)
        var eligible = [[Candidate]](repeating: [], count: strata.count)
        var exclusions: [(caseID: String, month: Month)] = []
        for p in parts.indices {
            exclusions += parts[p].sink.exclusions
            for (own, joined) in renumbered[p].enumerated() {
                population[joined] += parts[p].sink.population[own]
                eligible[joined] += parts[p].sink.eligible[own]
                parts[p].sink.eligible[own] = []   // each case held once, not twice, at a time
            }
        }
        return DrawCandidates(strata: strata, population: population, eligible: eligible, exclusions: exclusions)
    }

    /// The `counts[i]` cases with the smallest tickets in stratum i, smallest first, as
    /// (case id, ticket): docs/sampling.md §6, ties by case id bytes. Strata are sorted on
    /// every core at once; then the drawn cases' ids are read by row.
    func picks(counts: [Int], _ store: Store) throws -> [[(caseID: String, ticket: Ticket.Value)]] {
        precondition(counts.count == eligible.count, "one count per stratum")
        let eligible = self.eligible
        // Each stratum's smallest tickets, with any that tie the last one taken: which of
        // those is drawn depends on their case ids.
        let smallest = Parallel.map(eligible.count) { i -> [Candidate] in
            let count = min(counts[i], eligible[i].count)
            guard count > 0 else { return [] }
            let sorted = eligible[i].sorted { $0.ticket < $1.ticket }
            var end = count
            while end < sorted.count, sorted[end].ticket == sorted[count - 1].ticket { end += 1 }
            return Array(sorted[..<end])
        }
        return try store.read { db in
            let byRow = try db.cachedStatement(sql: "SELECT case_id FROM frame_case WHERE id = ?")
            return try smallest.enumerated().map { i, candidates in
                var picked = try candidates.map { (caseID: try String.fetchOne(byRow, arguments: [$0.rowID]) ?? "", ticket: $0.ticket) }
                Self.breakTies(&picked)
                return Array(picked.prefix(counts[i]))
            }
        }
    }

    /// Orders runs of equal tickets by case id bytes. Two cases of one frame have equal
    /// tickets only if SHA-256 collides, but the rule is the specification's, so it is kept.
    static func breakTies(_ picked: inout [(caseID: String, ticket: Ticket.Value)]) {
        var i = 0
        while i < picked.count {
            var j = i + 1
            while j < picked.count, picked[j].ticket == picked[i].ticket { j += 1 }
            if j - i > 1 {
                picked[i..<j].sort { $0.caseID.utf8.lexicographicallyPrecedes($1.caseID.utf8) }
            }
            i = j
        }
    }
}

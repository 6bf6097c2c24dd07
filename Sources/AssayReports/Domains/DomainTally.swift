import AssayCore

/// Domain tallies by group, kept as grades come in (from the store's rows in
/// `Store.domainsReport`, or from audits). Groups and domains are numbered as they first
/// come, so a grade costs an array update rather than two dictionary lookups: a ten-year
/// window of a region's audits holds six million.
struct DomainTally: Sendable {
    private var slots: [ReportGroup?: Int] = [:]
    private var groups: [ReportGroup?] = []
    private var domains: [String] = []
    /// By slot, then by domain number.
    private var tallies: [[DomainsReport.Count]] = []

    /// The slot of a group; nil is an audit in no group (no grouping, or one by service and
    /// the audit has none), counted for the authority alone.
    mutating func slot(of group: ReportGroup?) -> Int {
        if let slot = slots[group] { return slot }
        slots[group] = groups.count
        groups.append(group)
        tallies.append([])
        return groups.count - 1
    }

    /// One audit's grade of one domain.
    mutating func add(slot: Int, domain: String, grade: Grade) {
        var count = DomainsReport.Count()
        count.add(grade)
        add(slot: slot, domain: domain, count: count)
    }

    mutating func add(slot: Int, domain: String, count: DomainsReport.Count) {
        // A template has a handful of domains: a linear search beats hashing the name.
        let d: Int
        if let known = domains.firstIndex(of: domain) { d = known } else { domains.append(domain); d = domains.count - 1 }
        if tallies[slot].count <= d {
            tallies[slot].append(contentsOf: repeatElement(DomainsReport.Count(), count: d + 1 - tallies[slot].count))
        }
        tallies[slot][d] += count
    }

    /// The tallies by group, and the authority's (`.authority`) over every slot.
    var counts: [ReportGroup: [String: DomainsReport.Count]] {
        var counts: [ReportGroup: [String: DomainsReport.Count]] = [:]
        for (slot, group) in groups.enumerated() {
            for (d, count) in tallies[slot].enumerated() where count.audited > 0 {
                counts[.authority, default: [:]][domains[d], default: DomainsReport.Count()] += count
                if let group { counts[group, default: [:]][domains[d], default: DomainsReport.Count()] += count }
            }
        }
        return counts
    }
}

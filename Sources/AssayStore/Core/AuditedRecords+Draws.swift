import AssayCore
import GRDB

// The rows a monthly draw writes (docs/sampling.md), all in the one transaction that saves it:
// the draw, its strata, the cases it excluded as recently drawn, the cases drawn, and the
// cases it adds for re-audit. Each record is its table's row, column for column
// (AuditedRecord.swift). `status` is `current` or `replaced`; `by_fields`, `services` and
// `stratum_key` are JSON text as `JSONText` spells it.

/// One draw of a month's sample (`draw`). `requested_size` or `per_stratum` is set, as the size was asked.
public struct DrawRecord: AuditedRecord {
    public static let table = AuditedTable.draw

    public enum Column: String, AuditedColumn {
        case month
        case frameID = "frame_id"
        case frameSourceSHA256 = "frame_source_sha256"
        case frameRowsSHA256 = "frame_rows_sha256"
        case seed
        case seedGiven = "seed_given"
        case algorithm
        case byFields = "by_fields"
        case services
        case requestedSize = "requested_size"
        case perStratum = "per_stratum"
        case allocationRequested = "allocation_requested"
        case allocationUsed = "allocation_used"
        case minPerStratum = "min_per_stratum"
        case excludeRecent = "exclude_recent"
        case total
        case drawnAt = "drawn_at"
        case drawnBy = "drawn_by"
        case status
        case replacesDrawID = "replaces_draw_id"
        case replaceReason = "replace_reason"
    }

    public var month: Month
    public var frameID: Int64
    public var frameSourceSHA256: String
    public var frameRowsSHA256: String
    public var seed: String
    public var seedGiven: Bool
    public var algorithm: String
    public var byFields: String
    public var services: String?
    public var requestedSize: Int?
    public var perStratum: Int?
    public var allocationRequested: String
    public var allocationUsed: String
    public var minPerStratum: Int
    public var excludeRecent: Int
    public var total: Int
    public var drawnAt: String
    public var drawnBy: String
    public var status: String
    public var replacesDrawID: Int64?
    public var replaceReason: String?

    public init(month: Month, frameID: Int64, frameSourceSHA256: String, frameRowsSHA256: String, seed: String,
                seedGiven: Bool, algorithm: String, byFields: String, services: String?, requestedSize: Int?, perStratum: Int?,
                allocationRequested: String, allocationUsed: String, minPerStratum: Int, excludeRecent: Int, total: Int,
                drawnAt: String, drawnBy: String, status: String, replacesDrawID: Int64?, replaceReason: String?) {
        self.month = month
        self.frameID = frameID
        self.frameSourceSHA256 = frameSourceSHA256
        self.frameRowsSHA256 = frameRowsSHA256
        self.seed = seed
        self.seedGiven = seedGiven
        self.algorithm = algorithm
        self.byFields = byFields
        self.services = services
        self.requestedSize = requestedSize
        self.perStratum = perStratum
        self.allocationRequested = allocationRequested
        self.allocationUsed = allocationUsed
        self.minPerStratum = minPerStratum
        self.excludeRecent = excludeRecent
        self.total = total
        self.drawnAt = drawnAt
        self.drawnBy = drawnBy
        self.status = status
        self.replacesDrawID = replacesDrawID
        self.replaceReason = replaceReason
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .month: month.databaseValue
        case .frameID: frameID.databaseValue
        case .frameSourceSHA256: frameSourceSHA256.databaseValue
        case .frameRowsSHA256: frameRowsSHA256.databaseValue
        case .seed: seed.databaseValue
        case .seedGiven: seedGiven.databaseValue
        case .algorithm: algorithm.databaseValue
        case .byFields: byFields.databaseValue
        case .services: services.databaseValue
        case .requestedSize: requestedSize.databaseValue
        case .perStratum: perStratum.databaseValue
        case .allocationRequested: allocationRequested.databaseValue
        case .allocationUsed: allocationUsed.databaseValue
        case .minPerStratum: minPerStratum.databaseValue
        case .excludeRecent: excludeRecent.databaseValue
        case .total: total.databaseValue
        case .drawnAt: drawnAt.databaseValue
        case .drawnBy: drawnBy.databaseValue
        case .status: status.databaseValue
        case .replacesDrawID: replacesDrawID.databaseValue
        case .replaceReason: replaceReason.databaseValue
        }
    }
}

/// One stratum of a draw (`draw_stratum`), at its position in the draw's order.
public struct DrawStratumRecord: AuditedRecord {
    public static let table = AuditedTable.drawStratum

    public enum Column: String, AuditedColumn {
        case drawID = "draw_id"
        case position
        case stratumKey = "stratum_key"
        case population
        case eligible
        case sample
        case neymanP = "neyman_p"
        case inclusionProbability = "inclusion_probability"
    }

    public var drawID: Int64
    public var position: Int
    public var stratumKey: String
    public var population: Int
    public var eligible: Int
    public var sample: Int
    public var neymanP: Double?
    public var inclusionProbability: Double?

    public init(drawID: Int64, position: Int, stratumKey: String, population: Int, eligible: Int, sample: Int,
                neymanP: Double?, inclusionProbability: Double?) {
        self.drawID = drawID
        self.position = position
        self.stratumKey = stratumKey
        self.population = population
        self.eligible = eligible
        self.sample = sample
        self.neymanP = neymanP
        self.inclusionProbability = inclusionProbability
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .drawID: drawID.databaseValue
        case .position: position.databaseValue
        case .stratumKey: stratumKey.databaseValue
        case .population: population.databaseValue
        case .eligible: eligible.databaseValue
        case .sample: sample.databaseValue
        case .neymanP: neymanP.databaseValue
        case .inclusionProbability: inclusionProbability.databaseValue
        }
    }
}

/// A case a draw left out because the draw of `excluded_by_month` took it (`draw_exclusion`).
public struct DrawExclusionRecord: AuditedRecord {
    public static let table = AuditedTable.drawExclusion

    public enum Column: String, AuditedColumn {
        case drawID = "draw_id"
        case caseID = "case_id"
        case excludedByMonth = "excluded_by_month"
    }

    public var drawID: Int64
    public var caseID: String
    public var excludedByMonth: Month

    public init(drawID: Int64, caseID: String, excludedByMonth: Month) {
        self.drawID = drawID
        self.caseID = caseID
        self.excludedByMonth = excludedByMonth
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .drawID: drawID.databaseValue
        case .caseID: caseID.databaseValue
        case .excludedByMonth: excludedByMonth.databaseValue
        }
    }
}

/// One drawn case (`draw_case`).
public struct DrawCaseRecord: AuditedRecord {
    public static let table = AuditedTable.drawCase

    public enum Column: String, AuditedColumn {
        case drawID = "draw_id"
        case caseID = "case_id"
        case stratumPosition = "stratum_position"
        case ticket
    }

    public var drawID: Int64
    public var caseID: String
    public var stratumPosition: Int64
    public var ticket: String

    public init(drawID: Int64, caseID: String, stratumPosition: Int64, ticket: String) {
        self.drawID = drawID
        self.caseID = caseID
        self.stratumPosition = stratumPosition
        self.ticket = ticket
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .drawID: drawID.databaseValue
        case .caseID: caseID.databaseValue
        case .stratumPosition: stratumPosition.databaseValue
        case .ticket: ticket.databaseValue
        }
    }
}

/// A case a draw adds for re-audit, with its latest audit (`draw_reaudit`).
public struct DrawReauditRecord: AuditedRecord {
    public static let table = AuditedTable.drawReaudit

    public enum Column: String, AuditedColumn {
        case drawID = "draw_id"
        case caseID = "case_id"
        case lastAuditID = "last_audit_id"
        case lastMonth = "last_month"
    }

    public var drawID: Int64
    public var caseID: String
    public var lastAuditID: Int64
    public var lastMonth: Month

    public init(drawID: Int64, caseID: String, lastAuditID: Int64, lastMonth: Month) {
        self.drawID = drawID
        self.caseID = caseID
        self.lastAuditID = lastAuditID
        self.lastMonth = lastMonth
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .drawID: drawID.databaseValue
        case .caseID: caseID.databaseValue
        case .lastAuditID: lastAuditID.databaseValue
        case .lastMonth: lastMonth.databaseValue
        }
    }
}

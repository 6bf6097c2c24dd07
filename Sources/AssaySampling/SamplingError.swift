import AssayCore

/// What a draw refuses: its request's values, a month drawn already, a frame it cannot
/// draw from. Worded for the command line by the shell (ErrorWording.swift).
public enum SamplingError: AssayError, Equatable {
    /// `month` has a current draw, and no reason to replace it was given.
    case alreadyDrawn(month: Month, draw: Int64)
    /// `month`'s draw has audits begun on its cases, so it can no longer be replaced.
    case drawHasAudits(month: Month, draw: Int64, audits: Int)
    /// A replacement was asked for a month with no draw.
    case noDrawToReplace(month: Month)
    case noSuchDraw(id: Int64)
    /// A stratum field that is neither a register field nor kept by the frame.
    case unknownStratumField(String, frame: Int64, choices: [String])
    case noStratumFields
    case sizeTooSmall(Int)
    case perStratumTooSmall(Int)
    case negativeMinimumPerStratum(Int)
    case negativeExcludeRecent(Int)
    case negativeReauditWeeks(Int)
    /// The minimum per stratum over `strata` strata needs `needed` cases, more than `total`.
    case minimumsExceedTotal(minimum: Int, needed: Int, strata: Int, total: Int)
    case incompleteFrame(Int64)
    /// The frame has no cases (in the services asked for, when `servicesAsked`).
    case emptyFrame(Int64, servicesAsked: Bool)

    public var kind: ErrorKind {
        switch self {
        case .alreadyDrawn, .drawHasAudits, .noDrawToReplace, .incompleteFrame, .emptyFrame: .conflict
        case .noSuchDraw: .notFound
        case .unknownStratumField, .noStratumFields, .sizeTooSmall, .perStratumTooSmall, .negativeMinimumPerStratum,
             .negativeExcludeRecent, .negativeReauditWeeks, .minimumsExceedTotal: .invalidInput
        }
    }

    public var place: InputPlace? {
        switch self {
        case .unknownStratumField, .noStratumFields: .argument("by")
        case .sizeTooSmall: .argument("size")
        case .perStratumTooSmall: .argument("perStratum")
        case .negativeMinimumPerStratum, .minimumsExceedTotal: .argument("minimumPerStratum")
        case .negativeExcludeRecent: .argument("excludeRecentMonths")
        case .negativeReauditWeeks: .argument("reauditWeeks")
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .alreadyDrawn(let month, let draw):
            "\(month) already has a draw (\(draw)). It is replaced only for a reason, and then kept, marked replaced."
        case .drawHasAudits(let month, let draw, let audits):
            "\(month)'s draw (\(draw)) already has \(audits) \(audits == 1 ? "audit" : "audits") begun on its cases; it can no longer be replaced."
        case .noDrawToReplace(let month): "\(month) has no draw to replace."
        case .noSuchDraw(let id): "There is no draw \(id)."
        case .unknownStratumField(let field, let frame, let choices):
            "\(field) is not a register field or a kept attribute of frame \(frame) (choose from: \(choices.joined(separator: ", ")))."
                + EditDistance.didYouMean(field, among: choices)
        case .noStratumFields: "A draw needs at least one field to stratify by."
        case .sizeTooSmall: "The sample size must be at least 1."
        case .perStratumTooSmall: "The number of cases per stratum must be at least 1."
        case .negativeMinimumPerStratum: "The minimum per stratum cannot be negative."
        case .negativeExcludeRecent: "The months of recent draws to exclude cannot be negative."
        case .negativeReauditWeeks: "The weeks before a re-audit cannot be negative."
        case .minimumsExceedTotal(let minimum, let needed, let strata, let total):
            "The minimum of \(minimum) per stratum needs \(needed) cases over \(strata) strata, more than the total of \(total)."
        case .incompleteFrame(let id): "Frame \(id) is incomplete."
        case .emptyFrame(let id, let servicesAsked): "Frame \(id) has no cases\(servicesAsked ? " in the services asked for" : "")."
        }
    }
}

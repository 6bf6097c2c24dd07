import AssayCore

/// What the statistics refuse: a value that is not a proportion, a plan too large to be one.
/// Worded for the command line by the shell (ErrorWording.swift).
public enum StatisticsError: AssayError, Equatable {
    /// `argument` (the caller's name for it) must be a proportion strictly between 0 and 1;
    /// `meaning` says what it is ("the margin of error").
    case notAProportion(argument: String, meaning: String, value: Double)
    /// The two rates of a change to detect are the same.
    case sameRates(Double, Double)
    /// A plan that would need `audits` audits: the margin or the change (`argument`) is too small.
    case planTooLarge(argument: String, audits: Double)
    /// The population a plan samples from must be at least 1.
    case populationTooSmall(Int)
    /// A confidence level for an estimate that is not a proportion.
    case levelNotAProportion(Double)
    /// A stratum whose design is not one (`problem` says how): no cases, two populations,
    /// more audits than cases.
    case inconsistentStratum(String, problem: String)

    public var kind: ErrorKind { .invalidInput }

    public var place: InputPlace? {
        switch self {
        case .notAProportion(let argument, _, _), .planTooLarge(let argument, _): .argument(argument)
        case .sameRates: .argument("detect")
        case .populationTooSmall, .levelNotAProportion, .inconsistentStratum: nil
        }
    }

    public var description: String {
        switch self {
        case .notAProportion(_, let meaning, let value):
            let hint = value > 1 && value < 100 ? " Write \(Self.plain(value / 100)) for \(Self.plain(value))%." : ""
            return meaning.prefix(1).uppercased() + meaning.dropFirst()
                + " must be a proportion strictly between 0 and 1; got \(Self.plain(value))." + hint
        case .sameRates(let p1, let p2):
            return "The two rates, \(Self.plain(p1)) and \(Self.plain(p2)), are the same; there is no change to detect."
        case .planTooLarge(let argument, let audits):
            return "\(argument == "margin" ? "The margin of error" : "The change to detect") is too small; "
                + "the plan would need \(Self.plain(audits)) audits."
        case .populationTooSmall(let n):
            return "The population (open cases to sample from) must be at least 1; got \(n)."
        case .levelNotAProportion(let level):
            return "The confidence level must be a proportion strictly between 0 and 1; got \(level)."
        case .inconsistentStratum(let stratum, let problem):
            return "Stratum \(stratum): \(problem)"
        }
    }

    /// 20 rather than 20.0 in a message, as the person typed it.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}

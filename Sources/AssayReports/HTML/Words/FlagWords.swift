import AssayStatistics

/// What a funnel flag and a direction of travel mean, in the words the page uses for them.
///
/// A team *above* its limits has more inadequate cases than chance explains for its number
/// of audits: a reason to look at its cases. A team *below* has fewer: good news, or a team
/// whose audits are graded more kindly, also worth a look, but never in the same alarm.
/// The two are worded, drawn and coloured apart.
enum FlagWords {
    /// The side of the limits a group lies on, for a reader.
    enum Side: Int, Comparable {
        case more = 0, within = 1, fewer = 2

        static func < (a: Side, b: Side) -> Bool { a.rawValue < b.rawValue }
    }

    static func side(_ flag: FunnelFlag) -> Side {
        switch flag {
        case .above95, .above998: .more
        case .within: .within
        case .below95, .below998: .fewer
        }
    }

    /// "more inadequate than expected", "within the limits", "fewer inadequate than expected".
    static func phrase(_ flag: FunnelFlag) -> String {
        switch flag {
        case .above998: "more inadequate than expected (beyond the 99.8% limit)"
        case .above95: "more inadequate than expected"
        case .within: "within the limits"
        case .below95: "fewer inadequate than expected"
        case .below998: "fewer inadequate than expected (beyond the 99.8% limit)"
        }
    }

    /// A short table word: "more than expected", "within", "fewer than expected".
    static func cell(_ flag: FunnelFlag) -> String {
        switch flag {
        case .above998: "more than expected (99.8%)"
        case .above95: "more than expected"
        case .within: "within"
        case .below95: "fewer than expected"
        case .below998: "fewer than expected (99.8%)"
        }
    }

    /// The flag the reader should read: against the inflated limits when the groups are
    /// over-dispersed, else the exact ones.
    static func reading(_ team: FunnelPlot.Team) -> FunnelFlag { team.inflated ?? team.exact }

    /// Concern order: beyond the 99.8% upper limit first, then the 95%, within, then fewer.
    static func concern(_ flag: FunnelFlag) -> Int {
        switch flag {
        case .above998: 0
        case .above95: 1
        case .within: 2
        case .below95: 3
        case .below998: 4
        }
    }

    /// "improving", "worsening", "no clear change", with what it means.
    static func meaning(_ direction: TrendTest.Direction) -> String {
        switch direction {
        case .improving: "the share judged inadequate fell across the months more steadily than chance would produce"
        case .worsening: "the share judged inadequate rose across the months more steadily than chance would produce"
        case .noClearChange: "the monthly shares moved up and down no more than chance explains, with no steady rise or fall"
        }
    }

    /// The CSS class that marks a direction (with its word, never colour alone).
    static func directionClass(_ direction: TrendTest.Direction) -> String {
        switch direction {
        case .improving: "improving"
        case .worsening: "worsening"
        case .noClearChange: ""
        }
    }
}

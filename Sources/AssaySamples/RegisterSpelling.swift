import AssayCore

/// How exports spell the values Assay must read, varied the way real ones vary, so the
/// importer's folding is exercised by the sample rather than only by unit tests.
enum RegisterSpelling {
    /// Mostly the display name ("Child in need"), sometimes the code ("child-in-need"),
    /// sometimes a database constant ("CHILD_IN_NEED"); all fold to the same code.
    static func service(_ service: Service, using random: inout SplitMix64) -> String {
        switch random.below(100) {
        case 0..<82: service.displayName
        case 82..<92: service.code
        default: String(service.code.uppercased().map { $0 == "-" ? "_" : $0 })
        }
    }

    /// Mostly UK `DD/MM/YYYY`, sometimes ISO `YYYY-MM-DD`.
    static func date(_ date: CalendarDate, using random: inout SplitMix64) -> String {
        random.chance(perMille: 150) ? iso(date) : uk(date)
    }

    static func uk(_ date: CalendarDate) -> String {
        zeroPadded(date.day, 2) + "/" + zeroPadded(date.month, 2) + "/" + zeroPadded(date.year, 4)
    }

    /// The same as `CalendarDate.description`, without its `String(format:)`, which is slow
    /// over a million rows.
    static func iso(_ date: CalendarDate) -> String {
        zeroPadded(date.year, 4) + "-" + zeroPadded(date.month, 2) + "-" + zeroPadded(date.day, 2)
    }
}

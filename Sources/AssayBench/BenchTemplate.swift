/// The benchmark's template: six domains of five graded questions (30 answers an audit),
/// for every service.
enum BenchTemplate {
    static let sections = ["voice", "risk", "timeliness", "assessment", "planning", "oversight"]

    static var questionIDs: [String] { sections.flatMap { s in (1...5).map { "\(s)-\($0)" } } }

    static var yaml: String {
        var text = """
            id: bench
            version: 1
            title: Benchmark audit
            applies_to: [front-door, assessment, child-in-need, child-protection, child-in-care, care-leaver, disabled-children, early-help]
            lookback_months: 6
            sections:

            """
        for section in sections {
            text += "  - id: \(section)\n    title: \(section.capitalized)\n    questions:\n"
            for n in 1...5 {
                text += "      - id: \(section)-\(n)\n        prompt: Question \(n) on \(section)?\n        kind: grade\n"
                text += "        descriptors: {1: Excellent, 2: Sound, 3: Patchy, 4: Absent}\n"
            }
        }
        return text
    }
}

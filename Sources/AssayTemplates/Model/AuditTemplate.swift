import AssayCore

/// A graded audit form: sections (practice domains) of questions, versioned and hashed so
/// that every audit can say exactly which form it was graded against (docs/templates.md).
public struct AuditTemplate: Sendable, Equatable {
    public let id: String
    public let version: Int
    public let title: String
    public let appliesTo: [Service]
    public let scale: String
    public let lookbackMonths: Int
    public let sections: [TemplateSection]
    /// The YAML text exactly as read, and its SHA-256: what is registered.
    public let source: String
    public let contentSHA256: String

    public var questions: [TemplateQuestion] { sections.flatMap(\.questions) }
}

/// One practice domain of a template.
public struct TemplateSection: Sendable, Equatable {
    public let id: String
    public let title: String
    public let questions: [TemplateQuestion]
}

/// One question and how it is answered.
public struct TemplateQuestion: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case grade
        case yesNo = "yes_no"
        case choice, text, number, date
    }

    public let id: String
    public let prompt: String
    public let guidance: String?
    /// What practice at each grade looks like (grade questions: all four).
    public let descriptors: [Grade: String]
    public let kind: Kind
    public let choices: [String]
    public let required: Bool
    public let weight: Double
    /// A grade here caps the overall grade: the overall can be no better.
    public let limitsOverall: Bool
}

import AssayCore
import GRDB

// Who may use the database and how it is set up (docs/people.md, docs/settings.md,
// docs/templates.md): its people, its settings, and the audit templates registered in it.
// Each record is its table's row, column for column (AuditedRecord.swift).

/// One of the people (`people`); `login` binds the name to an OS login (docs/deployment.md).
public struct PersonRecord: AuditedRecord {
    public static let table = AuditedTable.people

    public enum Column: String, AuditedColumn {
        case name
        case role
        case team
        case addedAt = "added_at"
        case addedBy = "added_by"
        case login
    }

    public var name: String
    public var role: Role
    public var team: String?
    public var addedAt: String
    public var addedBy: String
    public var login: String?

    public init(name: String, role: Role, team: String?, addedAt: String, addedBy: String, login: String?) {
        self.name = name
        self.role = role
        self.team = team
        self.addedAt = addedAt
        self.addedBy = addedBy
        self.login = login
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .name: name.databaseValue
        case .role: role.databaseValue
        case .team: team.databaseValue
        case .addedAt: addedAt.databaseValue
        case .addedBy: addedBy.databaseValue
        case .login: login.databaseValue
        }
    }
}

/// A setting changed from its default (`setting`); the value is stored as text, as `Setting` reads it.
public struct SettingRecord: AuditedRecord {
    public static let table = AuditedTable.setting

    public enum Column: String, AuditedColumn {
        case name
        case value
        case changedAt = "changed_at"
        case changedBy = "changed_by"
    }

    public var name: String
    public var value: String
    public var changedAt: String
    public var changedBy: String

    public init(name: String, value: String, changedAt: String, changedBy: String) {
        self.name = name
        self.value = value
        self.changedAt = changedAt
        self.changedBy = changedBy
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .name: name.databaseValue
        case .value: value.databaseValue
        case .changedAt: changedAt.databaseValue
        case .changedBy: changedBy.databaseValue
        }
    }
}

/// A registered version of an audit template (`template`): its source text and that text's SHA-256.
public struct TemplateRecord: AuditedRecord {
    public static let table = AuditedTable.template

    public enum Column: String, AuditedColumn {
        case templateID = "template_id"
        case version
        case title
        case content
        case contentSHA256 = "content_sha256"
        case registeredAt = "registered_at"
        case registeredBy = "registered_by"
    }

    public var templateID: String
    public var version: Int
    public var title: String
    public var content: String
    public var contentSHA256: String
    public var registeredAt: String
    public var registeredBy: String

    public init(templateID: String, version: Int, title: String, content: String, contentSHA256: String, registeredAt: String,
                registeredBy: String) {
        self.templateID = templateID
        self.version = version
        self.title = title
        self.content = content
        self.contentSHA256 = contentSHA256
        self.registeredAt = registeredAt
        self.registeredBy = registeredBy
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .templateID: templateID.databaseValue
        case .version: version.databaseValue
        case .title: title.databaseValue
        case .content: content.databaseValue
        case .contentSHA256: contentSHA256.databaseValue
        case .registeredAt: registeredAt.databaseValue
        case .registeredBy: registeredBy.databaseValue
        }
    }
}

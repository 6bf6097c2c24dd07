import AssayCore
import GRDB

extension ReportGrouping {
    /// The group of a row SQLite grouped by this grouping's columns, which it returns in
    /// `fields` order from column `first` on; as `group(of:)` reads an audit: one without a
    /// (known) service is in no service group.
    func group(columns row: Row, from first: Int) -> ReportGroup? {
        var values: [ReportGroup.Value] = []
        for (i, field) in fields.enumerated() {
            let text: String? = row[first + i]
            if field == .service {
                guard let code = text.flatMap(Service.init(rawValue:))?.code else { return nil }
                values.append(.init(field: field.rawValue, value: code))
            } else {
                values.append(.init(field: field.rawValue, value: text ?? ""))
            }
        }
        return ReportGroup(values: values)
    }
}

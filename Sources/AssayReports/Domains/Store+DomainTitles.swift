import AssayStore
import AssayTemplates

extension Store {
    /// The titles of the domains of every registered template (`DomainTitles`): each
    /// template's latest version, then the sections only its older versions have.
    public func domainTitles() throws -> DomainTitles {
        var byTemplate: [String: [Int]] = [:]
        for registered in try registeredTemplates() { byTemplate[registered.templateID, default: []].append(registered.version) }
        return DomainTitles(templates: try byTemplate.map { id, versions in
            var sections: [(id: String, title: String)] = []
            for version in versions.sorted(by: >) {
                sections += try template(id: id, version: version).sections.map { ($0.id, $0.title) }
            }
            return (id, sections)
        })
    }
}

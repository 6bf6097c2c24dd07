import AssayCore
import AssayStore
@testable import AssayTemplates
import AssayTestSupport
import Testing

@Suite struct TemplateRegistrationTests {
    let dir = TemporaryDirectory()

    @Test func registersOnceAndRefusesChangedContentUnderTheSameVersion() throws {
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "l"))
        let v1 = try TemplateLoader.load(text: validTemplate, file: "t.yaml")
        #expect(try store.register(v1) == .registered)
        #expect(try store.register(v1) == .alreadyRegistered)
        let changed = try TemplateLoader.load(text: validTemplate.replacingOccurrences(of: "Was the child seen alone?", with: "Seen alone?"), file: "t.yaml")
        #expect(throws: TemplateError.changedContent(id: changed.id, version: changed.version)) { try store.register(changed) }
        let v2 = try TemplateLoader.load(text: validTemplate.replacingOccurrences(of: "Was the child seen alone?", with: "Seen alone?")
            .replacingOccurrences(of: "version: 1", with: "version: 2"), file: "t.yaml")
        #expect(try store.register(v2) == .registered)
        #expect(try store.registeredTemplates().map(\.version) == [1, 2])
        // Older versions keep reading exactly as registered.
        #expect(try store.template(id: "mini", version: 1).questions[0].prompt == "Was the child seen alone?")
        #expect(try store.template(id: "mini").version == 2)
    }

    @Test func onlyALeadRegisters() throws {
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "l"))
        try store.addPerson(name: "Sam", role: .auditor, team: nil)
        let sam = try Store(path: dir.file("a.db"), identity: Identity(name: "Sam", osLogin: "s"))
        #expect(throws: StoreError.self) { try sam.register(TemplateLoader.load(text: validTemplate, file: "t.yaml")) }
    }

    @Test func theShippedTemplatesAreAllValidAndCoverEveryService() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let templates = try TemplateFiles.paths(root + "/AuditTemplates").map(TemplateLoader.load(path:))
        #expect(templates.count >= 4)
        let covered = Set(templates.flatMap(\.appliesTo))
        #expect(covered == Set(Service.allCases))
        for t in templates {
            #expect((6...10).contains(t.sections.count), "\(t.id): sections")
            #expect((20...40).contains(t.questions.count), "\(t.id): questions")
            #expect(t.questions.filter { $0.kind == .grade }.allSatisfy { $0.descriptors.count == 4 }, "\(t.id): descriptors")
        }
    }
}

import Foundation

import Foundation
import Testing

/// The package's stated module graph (issue 21): every module imports only what Package.swift
/// says it depends on, declares nothing it does not import, and no import points against the
/// layering the package is built on (the core never depends on the shell, reports or hub).
///
/// Read from the files themselves — Package.swift's targets and each module's `import`
/// lines — so a new import that crosses a layer fails here, not in review.
@Suite struct ModuleGraphTests {
    /// The package's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Layers, lowest first: a module may import only modules of a lower layer.
    static let layers: [[String]] = [
        ["AssayCore"],
        ["AssayStatistics", "AssayOutput", "AssayStore"],
        ["AssayRegister", "AssayTemplates", "AssaySampling"],
        ["AssayAudits", "AssaySamples"],
        ["AssayReports"],
        ["AssayReturn"],
        ["AssayHub"],
        ["AssayShell"],
    ]

    /// Modules that come with the toolchain or the system and need no declaration.
    static let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch", "FoundationEssentials", "Synchronization"]

    /// Package products and the modules they provide. `GRDBSQLite` is SQLite's C API, which
    /// the draw reads a frame's cases through (AssaySampling's DrawCandidates).
    static let products: [String: Set<String>] = [
        "GRDB": ["GRDB"], "GRDBSQLite": ["GRDBSQLite"], "Crypto": ["Crypto"], "Yams": ["Yams", "CYaml"], "ArgumentParser": ["ArgumentParser"],
    ]

    struct Target {
        let name: String
        let path: String
        let dependencies: Set<String>
    }

    /// The library targets of Package.swift (not tests, not executables, not the tests'
    /// support library): name, folder and declared dependencies (targets by name, products
    /// by product name). `Yams` provides `CYaml` too: the template loader reads YAML events
    /// with libyaml to refuse aliases before Yams builds a document.
    static func targets() throws -> [Target] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var found: [Target] = []
        for block in manifest.components(separatedBy: ".target(").dropFirst() {
            let text = block.components(separatedBy: "\n        .").first ?? block
            guard let name = text.firstMatch(of: /name: "([^"]+)"/)?.output.1 else { continue }
            let path = text.firstMatch(of: /path: "([^"]+)"/).map { String($0.output.1) } ?? "Sources/\(name)"
            var dependencies = Set<String>()
            if let list = text.firstMatch(of: /dependencies: \[((?s).*)\]/)?.output.1 {
                for product in list.matches(of: /\.product\(name: "([^"]+)"/) { dependencies.insert(String(product.output.1)) }
                let withoutProducts = list.replacing(/\.product\([^)]*\)/, with: "")
                for target in withoutProducts.matches(of: /"([^"]+)"/) { dependencies.insert(String(target.output.1)) }
            }
            if !path.hasPrefix("Tests/") { found.append(Target(name: String(name), path: path, dependencies: dependencies)) }
        }
        return found
    }

    /// The modules a folder's Swift files import.
    static func imports(in folder: String) throws -> Set<String> {
        let url = root.appendingPathComponent(folder)
        guard let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return [] }
        var modules = Set<String>()
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                if let match = line.firstMatch(of: /^\s*(?:@testable\s+|@_exported\s+)?import\s+(?:struct\s+|enum\s+|class\s+)?([A-Za-z_][A-Za-z0-9_]*)/) {
                    modules.insert(String(match.output.1))
                }
            }
        }
        return modules
    }

    @Test func everyModuleImportsExactlyWhatPackageSwiftDeclares() throws {
        let targets = try Self.targets()
        let names = Set(targets.map(\.name))
        #expect(names.isSuperset(of: ["AssayCore", "AssayStore", "AssayReports", "AssayShell"]), "Package.swift was read: \(names)")
        for target in targets where !target.name.hasPrefix("C") {
            let imported = try Self.imports(in: target.path).subtracting(Self.system)
            let declaredModules = Set(target.dependencies.flatMap { Self.products[$0] ?? [$0] })
            let undeclared = imported.subtracting(declaredModules)
            let unused = target.dependencies.filter { (Self.products[$0] ?? [$0]).isDisjoint(with: imported) }
            #expect(undeclared.isEmpty, "\(target.name) imports \(undeclared.sorted()) without declaring them in Package.swift")
            #expect(unused.isEmpty, "\(target.name) declares \(unused.sorted()) in Package.swift but imports none of them")
        }
    }

    @Test func noModuleImportsAgainstTheLayers() throws {
        let rank = Dictionary(uniqueKeysWithValues: Self.layers.enumerated().flatMap { index, layer in layer.map { ($0, index) } })
        for target in try Self.targets() {
            guard let own = rank[target.name] else { continue }
            for module in try Self.imports(in: target.path) {
                guard let theirs = rank[module] else { continue }
                #expect(theirs < own, "\(target.name) (layer \(own)) imports \(module) (layer \(theirs)): dependencies point one way, down")
            }
        }
    }

    @Test func everyLibraryModuleHasALayer() throws {
        let ranked = Set(Self.layers.joined())
        for target in try Self.targets() where !target.name.hasPrefix("C") {
            #expect(ranked.contains(target.name), "\(target.name) is in no layer of ModuleGraphTests.layers: place it, lowest that works")
        }
    }
}

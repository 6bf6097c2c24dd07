// swift-tools-version: 6.0
// Assay — case-audit quality assurance for children's social care.
//
// Modules by concern; dependencies point one way:
//   AssayCore  ←  AssayStore  ←  AssayRegister  ←  AssayShell  ←  assay
//   AssayCore  ←  AssayStatistics  ←  AssayReports, AssayShell
//   AssayCore  ←  AssayStore  ←  AssaySampling (also ← CTicketHash, GRDBSQLite)  ←  AssayShell
//   AssayCore  ←  AssayTemplates (also ← AssayStore)  ←  AssayAudits (also ← AssayRegister)  ←  AssayShell
//   AssayAudits, AssayStatistics  ←  AssayReports  ←  AssayShell
//   AssayCore  ←  AssayOutput ←  AssayShell
//   AssayCore  ←  AssaySamples (also ← AssayTemplates) ← assay-samples
//   AssayReports  ←  AssayReturn (the signed authority return)  ←  AssayHub (PostgreSQL, CPostgreSQL)  ←  AssayShell
//   (the core never depends on AssayReturn or AssayHub)
//   Tests/AssayCoreTests/Package/ModuleGraphTests checks this graph against the imports.
import PackageDescription

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .executable(name: "assay-samples", targets: ["assay-samples"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // GNU readline (GPL-3.0-or-later): line editing, history and completion for the shell.
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]),
        .target(
            name: "AssayCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AssayStore",
            dependencies: ["AssayCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AssayRegister",
            dependencies: ["AssayCore", "AssayStore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AssayTemplates",
            dependencies: ["AssayCore", "AssayStore", .product(name: "Yams", package: "Yams"), .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "AssayAudits",
            dependencies: ["AssayCore", "AssayStore", "AssayRegister", "AssayTemplates", .product(name: "Yams", package: "Yams"), .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "AssayStatistics",
            dependencies: ["AssayCore"]),
        // SHA-256 for a draw's tickets, with the CPU's SHA instructions when it has them
        // (x86 SHA-NI, checked at run time) and portable C otherwise: one hash per case of a
        // million-case frame was most of a draw's time (docs/performance.md, "The draw").
        .target(name: "CTicketHash"),
        // GRDBSQLite: the draw reads a frame's million cases through SQLite's C API, as bytes,
        // without a Swift String per row (DrawCandidates).
        .target(
            name: "AssaySampling",
            dependencies: ["AssayCore", "AssayStore", "CTicketHash", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(
            name: "AssayReports",
            dependencies: ["AssayCore", "AssayStore", "AssayTemplates", "AssayAudits", "AssayStatistics", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")]),
        // libpq (PostgreSQL's C client, PostgreSQL licence): the regional hub's connection
        // (docs/regional.md). Chosen over postgres-nio: a synchronous client fits the
        // synchronous command tree, and it builds in seconds rather than minutes.
        .systemLibrary(
            name: "CPostgreSQL",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        // The authority return (issue 23): built from the database, small counts suppressed,
        // signed with the database's Ed25519 key; read and verified by the hub.
        .target(
            name: "AssayReturn",
            dependencies: ["AssayCore", "AssayStore", "AssayReports",
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]),
        // The regional hub on PostgreSQL: migrations, imports, roles, regional reports.
        .target(
            name: "AssayHub",
            dependencies: ["AssayCore", "AssayReturn", "AssayStatistics", "CPostgreSQL"]),
        .target(
            name: "AssayOutput",
            dependencies: ["AssayCore"]),
        .target(
            name: "AssayShell",
            dependencies: [
                "AssayCore", "AssayStore", "AssayRegister", "AssaySampling", "AssayStatistics", "AssayTemplates", "AssayAudits", "AssayReports", "AssayOutput", "CReadline",
                "AssayReturn", "AssayHub",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "AssaySamples",
            dependencies: ["AssayCore", "AssayTemplates"]),
        .executableTarget(name: "assay", dependencies: ["AssayShell"]),
        .executableTarget(name: "assay-samples", dependencies: ["AssaySamples"]),
        // The benchmark's data generator (Scripts/bench, docs/performance.md); not part of the product.
        .executableTarget(name: "assay-bench", dependencies: [
            "AssayCore", "AssayStore", "AssaySampling", "AssayAudits", "AssayTemplates", "AssayReports", "AssaySamples", "AssayReturn",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/AssayBench"),
        .executableTarget(name: "AssayFuzz", dependencies: ["AssayCore", "AssayRegister", "AssayTemplates", "AssayAudits", "AssaySamples"]),
        .target(name: "AssayTestSupport", dependencies: ["AssayCore"], path: "Tests/AssayTestSupport"),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore"]),
        .testTarget(name: "AssayStoreTests", dependencies: [
            "AssayStore", "AssayTestSupport", "AssaySamples", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "AssayRegisterTests", dependencies: [
            "AssayRegister", "AssayStore", "AssayTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "AssayTemplatesTests", dependencies: ["AssayTemplates", "AssayStore", "AssayTestSupport"]),
        .testTarget(name: "AssayAuditsTests", dependencies: [
            "AssayAudits", "AssayTemplates", "AssayStore", "AssayRegister", "AssaySampling", "AssayTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "AssayReportsTests", dependencies: [
            "AssayReports", "AssayAudits", "AssayTemplates", "AssayStore", "AssayRegister", "AssaySampling", "AssayStatistics", "AssayTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "AssayStatisticsTests", dependencies: ["AssayStatistics", "AssayTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AssaySamplingTests", dependencies: [
            "AssaySampling", "AssayStore", "AssayRegister", "AssaySamples", "AssayTestSupport", "CTicketHash", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "AssayOutputTests", dependencies: ["AssayOutput"]),
        .testTarget(name: "AssayShellTests", dependencies: ["AssayShell"]),
        .testTarget(name: "AssaySamplesTests", dependencies: ["AssaySamples", "AssayTemplates", "AssayAudits", "AssayStatistics", "AssayTestSupport"]),
        .testTarget(name: "AssayReturnTests", dependencies: [
            "AssayReturn", "AssayCore", "AssayTestSupport",
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["AssayCore", "AssayShell", "AssayHub", "AssayReturn", "AssayTestSupport", "assay"]),
    ]
)

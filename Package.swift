// swift-tools-version:6.1
import PackageDescription

/// Every target gets the same settings: Swift 6 mode plus the two upcoming features the style guide asks for.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "pasc",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pasc", targets: ["pasc"]),
        .library(name: "PASCDomain", targets: ["PASCDomain"]),
        .library(name: "PASCCore", targets: ["PASCCore"]),
        .library(name: "PASCPlanning", targets: ["PASCPlanning"]),
        .library(name: "PASCTransparency", targets: ["PASCTransparency"]),
        .library(name: "PASCStore", targets: ["PASCStore"]),
        .library(name: "PASCApp", targets: ["PASCApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        // Pure domain: values and rules, Foundation only.
        .target(name: "PASCDomain", swiftSettings: swiftSettings),
        // Use cases and the ports they need (Store, Clock); the demo dataset ships here as resources.
        .target(
            name: "PASCCore",
            dependencies: ["PASCDomain", "PASCTransparency", "PASCPlanning"],
            resources: [.copy("Resources/demo"), .copy("Resources/calendar")],
            swiftSettings: swiftSettings
        ),
        // Planning: replayed queue days (and later demand, staffing and the office network). Pure.
        .target(name: "PASCPlanning", dependencies: ["PASCDomain"], swiftSettings: swiftSettings),
        // The public log: RFC 6962 hashing and proofs, C2SP checkpoints signed with Ed25519. Pure.
        .target(
            name: "PASCTransparency",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The Store over SQL: SQLite (embedded default) and PostgreSQL.
        .target(
            name: "PASCStore",
            dependencies: [
                "PASCCore",
                "PASCTransparency",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Hummingbird application: JSON API, health, OpenAPI document.
        .target(
            name: "PASCApp",
            dependencies: [
                "PASCCore",
                "PASCPlanning",
                "PASCTransparency",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/templates"), .copy("Resources/assets"), .copy("Resources/pages")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "pasc",
            dependencies: [
                "PASCApp",
                "PASCCore",
                "PASCDomain",
                "PASCStore",
                "PASCTransparency",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fixtures shared by the test targets: fixed clock, temporary databases, the PostgreSQL switch.
        .target(
            name: "PASCTestSupport",
            dependencies: ["PASCCore", "PASCStore", "PASCDomain", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PASCDomainTests", dependencies: ["PASCDomain"], swiftSettings: swiftSettings),
        .testTarget(name: "PASCPlanningTests", dependencies: ["PASCPlanning", "PASCDomain"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PASCTransparencyTests",
            dependencies: ["PASCTransparency"],
            // transparency-dev/merkle's RFC 6962 proof vectors (Apache 2.0, LICENSE beside them).
            resources: [.copy("Resources/rfc6962-vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PASCCoreTests",
            dependencies: ["PASCCore", "PASCStore", "PASCTestSupport", "PASCTransparency"],
            // The holidays 0.109 package's list for 2020–2030, to cross-check the computed calendar.
            resources: [.copy("Resources/holidays")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PASCStoreTests",
            dependencies: ["PASCStore", "PASCCore", "PASCTestSupport", "PASCTransparency"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PASCAppTests",
            dependencies: [
                "PASCApp", "PASCTestSupport", "PASCStore", "PASCCore", "PASCTransparency",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so CI's debug build of PASC does not compile them, and so
// they are always built in release mode against the PASC libraries of the parent folder.
let package = Package(
    name: "pasc-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "pasc", path: ".."),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.12.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.29.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "pasc-bench",
            dependencies: [
                .product(name: "PASCApp", package: "pasc"),
                .product(name: "PASCStore", package: "pasc"),
                .product(name: "PASCCore", package: "pasc"),
                .product(name: "PASCDomain", package: "pasc"),
                .product(name: "PASCPlanning", package: "pasc"),
                .product(name: "PASCTransparency", package: "pasc"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        )
    ]
)

import Foundation
import PASCCore
import PASCStore

/// Real databases for tests: a fresh SQLite file per test, and PostgreSQL when
/// `PASC_TEST_POSTGRES_URL` is set (a fresh schema per use, dropped afterwards).
public enum TestDatabases {
    /// The PostgreSQL URL from the environment, or nil when the PostgreSQL suites must be skipped.
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["PASC_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// Why the PostgreSQL suites did not run, for the skip message.
    public static let postgresSkipReason =
        "PASC_TEST_POSTGRES_URL is not set; set it to a postgres:// URL of a scratch database to run the PostgreSQL contract suite"

    /// The backends to run a contract against: SQLite always, PostgreSQL when configured.
    public static var backends: [Backend] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public enum Backend: String, CaseIterable, Sendable {
        case sqlite
        case postgres
    }

    /// A fresh, migrated store on the given backend; `body` runs, then the store is closed and removed.
    @discardableResult
    public static func withStore<R>(_ backend: Backend, migrate: Bool = true, _ body: (SQLStore) async throws -> R) async throws -> R {
        _ = WholeRunLog.bootstrapped
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pasc-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try await StoreFactory.open(.sqlite(path: folder.appendingPathComponent("pasc.sqlite").path), clock: Fixtures.clock)
            return try await run(store, migrate: migrate, body)
        case .postgres:
            guard let url = postgresURL else { throw ConfigurationError(postgresSkipReason) }
            let schema = "pasc_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await StoreFactory.open(.postgres(url: url))
            try await admin.execute(unsafeSQL: "CREATE SCHEMA \(schema)")
            do {
                let store = try await StoreFactory.open(.postgres(url: url), schema: String(schema), clock: Fixtures.clock)
                let result = try await run(store, migrate: migrate, body)
                try? await admin.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE")
                try? await admin.shutdown()
                return result
            } catch {
                try? await admin.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE")
                try? await admin.shutdown()
                throw error
            }
        }
    }

    /// Two stores on one fresh, migrated PostgreSQL schema: two server processes' view of one database.
    public static func withTwoPostgresStores<R>(_ body: (SQLStore, SQLStore) async throws -> R) async throws -> R {
        guard let url = postgresURL else { throw ConfigurationError(postgresSkipReason) }
        return try await withStore(.postgres) { first in
            let schema = try await first.currentSchema()
            let second = try await StoreFactory.open(.postgres(url: url), schema: schema, clock: Fixtures.clock)
            do {
                let result = try await body(first, second)
                try await second.shutdown()
                return result
            } catch {
                try? await second.shutdown()
                throw error
            }
        }
    }

    private static func run<R>(_ store: SQLStore, migrate: Bool, _ body: (SQLStore) async throws -> R) async throws -> R {
        do {
            if migrate { try await store.migrate() }
            let result = try await body(store)
            try await store.shutdown()
            return result
        } catch {
            try? await store.shutdown()
            throw error
        }
    }
}

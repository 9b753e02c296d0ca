import Foundation
import PASCCore
import PASCStore
import PASCTestSupport
import Testing

@Suite("Opening databases")
struct StoreOpeningTests {
    @Test func anUnreachablePostgresGivesOneClearLine() async {
        await #expect {
            try await StoreFactory.open(.postgres(url: "postgres://pasc:secret@127.0.0.1:1/pasc"))
        } throws: { error in
            guard case .unreachable(let reason) = error as? StoreError else { return false }
            return reason.contains("127.0.0.1:1") && !reason.contains("secret") && !reason.contains("\n")
        }
    }

    @Test func aMalformedPostgresURLIsRefusedWithoutItsPassword() async {
        await #expect {
            try await StoreFactory.open(.postgres(url: "postgres://pasc:pa#ss@127.0.0.1:1/db"))
        } throws: { error in
            !"\(error)".contains("pa#ss")
        }
    }

    @Test func anUnwritableSQLitePathIsRefused() async {
        await #expect(throws: StoreError.self) {
            try await StoreFactory.open(.sqlite(path: "/proc/pasc-cannot-write-here/pasc.sqlite"))
        }
    }

    @Test func locationsAreParsedFromText() {
        #expect(DatabaseLocation("postgres://u@h/db") == .postgres(url: "postgres://u@h/db"))
        #expect(DatabaseLocation("postgresql://u@h/db") == .postgres(url: "postgresql://u@h/db"))
        #expect(DatabaseLocation("./pasc-data/pasc.sqlite") == .sqlite(path: "./pasc-data/pasc.sqlite"))
        #expect(DatabaseLocation("sqlite:/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(DatabaseLocation.redacted("postgres://pasc:hunter2@db:5432/pasc") == "postgres://pasc:***@db:5432/pasc")
        // URLs that do not parse still lose their credentials.
        #expect(!DatabaseLocation.redacted("postgres://pasc:pa#ss@127.0.0.1:1/db").contains("pa#ss"))
        #expect(!DatabaseLocation.redacted("postgresql://pasc:hunter2@[bad/db").contains("hunter2"))
    }

    /// The process-kill case (`kill -9` right after seeding, then a restart) is in `.ci/smoke`.
    @Test func committedDataIsVisibleToAnIndependentConnection() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pasc-durable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pasc.sqlite").path
        let writer = try await StoreFactory.open(.sqlite(path: path))
        try await writer.migrate()
        #expect(try await writer.seedIfEmpty(Fixtures.demo))
        // A second, independent connection (as after a restart) sees the committed data while the writer is still open.
        let reader = try await StoreFactory.open(.sqlite(path: path))
        #expect(try await reader.seededAt() != nil)
        #expect(try await reader.allOffices(OfficeFilter()).count == 101)
        try await reader.shutdown()
        try await writer.shutdown()
    }
}

/// Reported as skipped, with the reason, when no PostgreSQL is configured; CI fails if it is skipped there.
@Suite("PostgreSQL contract suite", .enabled(if: TestDatabases.postgresURL != nil, Comment(rawValue: TestDatabases.postgresSkipReason)))
struct PostgresAvailabilityTests {
    @Test func postgresIsReachableForTheContractSuite() async throws {
        try await TestDatabases.withStore(.postgres) { store in
            try await store.ping()
            #expect(try await store.appliedMigrations() == SQLStore.knownMigrationVersions)
        }
    }
}

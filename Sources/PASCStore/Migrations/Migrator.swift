import Foundation
import PASCCore
import SQLKit

/// Applies the numbered migrations of one dialect and records them in `pasc_migrations`.
struct Migrator: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    var migrations: [Migration] { SchemaMigrations.all(for: backend.dialect) }

    /// The versions recorded in the database (creating the record table if it is missing).
    ///
    /// On PostgreSQL the creation runs under the migration lock: two servers starting together on
    /// an empty database would otherwise race in `CREATE TABLE IF NOT EXISTS`.
    func appliedVersions() async throws -> [Int] {
        let dialect = backend.dialect
        return try await backend.transaction { db in
            if dialect == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run() }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS pasc_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            ).run()
            return try await db.raw("SELECT version FROM pasc_migrations ORDER BY version").all().map { row in
                try row.decode(column: "version", as: Int.self)
            }
        }
    }

    /// The PostgreSQL advisory lock key that serialises migrators (any constant unique to PASC).
    static let lockKey = 7_234_001

    /// Refuses a database holding migrations this build does not know.
    func checkKnown(_ applied: [Int]) throws {
        let known = Set(migrations.map(\.version))
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty { throw StoreError.databaseNewerThanCode(unknownVersions: unknown) }
    }

    /// Applies pending migrations in order, each in its own transaction; returns their names.
    ///
    /// On PostgreSQL an advisory lock serialises servers that start at the same moment; the
    /// version is checked again under the lock so a migration never runs twice.
    func migrate(upTo last: Int = .max) async throws -> [String] {
        let applied = try await appliedVersions()
        try checkKnown(applied)
        var done: [String] = []
        for migration in migrations where !applied.contains(migration.version) && migration.version <= last {
            let ran = try await backend.transaction { db in
                if backend.dialect == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run()
                }
                let already = try await db.raw("SELECT version FROM pasc_migrations WHERE version = \(bind: migration.version)").first()
                guard already == nil else { return false }
                for statement in migration.statements {
                    try await db.raw("\(unsafeRaw: statement)").run()
                }
                try await db.raw(
                    """
                    INSERT INTO pasc_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: VietnamTime.format(clock.now())))
                    """
                ).run()
                return true
            }
            if ran { done.append("\(migration.version) \(migration.name)") }
        }
        return done
    }
}

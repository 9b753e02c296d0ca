import SQLKit

/// The two SQL databases PASC runs on. Queries are shared; migrations are written per dialect.
public enum SQLDialectKind: String, Sendable {
    case sqlite
    case postgres
}

/// A pool of connections to one database, lending one session at a time.
///
/// Everything in a transaction must run on one connection, so the store never talks to the pool
/// directly: it asks for a session and runs its statements inside.
protocol SQLBackend: Sendable {
    var dialect: SQLDialectKind { get }
    /// Runs `body` on one pooled connection.
    func withSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    /// Runs `body` in a write transaction (see ``transaction(_:)``); a backend may queue writers first.
    func writeTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    func shutdown() async throws
    /// Called after migrations changed the schema.
    func schemaChanged()
}

extension SQLBackend {
    /// Runs `body` in a transaction on one connection; commits when it returns, rolls back when it throws.
    ///
    /// SQLite starts with `BEGIN IMMEDIATE` so that the write lock is taken up front and two writers
    /// queue on the busy timeout instead of failing when one upgrades from reading.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writeTransaction(body)
    }

    /// The transaction itself, without any queueing.
    func plainTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin: SQLQueryString = dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await withSession { db in
            try await db.raw(begin).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

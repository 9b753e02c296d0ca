import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PASCCore
import PostgresKit
import SQLKit

/// PostgreSQL, for deployments where several `pasc serve` processes share one database.
final class PostgresBackend: SQLBackend {
    let dialect = SQLDialectKind.postgres
    private let sessions: SessionPool<PostgresConnectionSource>
    /// For connections of its own (the queue feed's listener).
    let configuration: SQLPostgresConfiguration
    let searchPath: String?

    init(url: String, searchPath: String?, logger: Logger) throws {
        var configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw StoreError.unreachable(
                "the PostgreSQL URL \(DatabaseLocation.redacted(url)) is not valid (expected postgres://user[:password]@host[:port]/database)"
            )
        }
        if let searchPath { configuration.searchPath = [searchPath] }
        self.configuration = configuration
        self.searchPath = searchPath
        sessions = SessionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            connectionsPerEventLoop: 4,
            // As long as SQLite's: under a burst a request waits its turn for a connection rather
            // than failing (10 s failed concurrent receptions on a loaded two-core machine).
            requestTimeout: .seconds(30),
            logger: logger,
            isConnectionFailure: { error in
                guard let error = error as? PSQLError else { return false }
                return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed].contains(error.code)
            },
            database: { $0.sql(queryLogLevel: nil) }  // binds can hold personal data: never logged
        )
    }

    func withSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sessions.withSession(body)
    }

    /// PostgreSQL queues writers itself (row locks, `FOR UPDATE`), so no gate is needed in the process.
    func writeTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await plainTransaction(body)
    }

    /// PostgreSQL plans every statement against the current catalog: nothing to do.
    func schemaChanged() {}

    func shutdown() async throws {
        try await sessions.shutdown()
    }
}

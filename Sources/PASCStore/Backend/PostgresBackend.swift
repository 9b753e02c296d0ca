import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PASCCore
import PostgresKit
import SQLKit

/// PostgreSQL, for deployments where several `pasc serve` processes share one database.
///
/// `@unchecked Sendable`: AsyncKit's `EventLoopGroupConnectionPool` guards its state with a lock and
/// is used across tasks by design, but does not declare `Sendable`; the pool is the only stored state.
final class PostgresBackend: SQLBackend, @unchecked Sendable {
    let dialect = SQLDialectKind.postgres
    private let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>

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
        pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            maxConnectionsPerEventLoop: 4,
            requestTimeout: .seconds(10),
            logger: Self.quietPoolLogger(logger),
            on: MultiThreadedEventLoopGroup.singleton
        )
    }

    func withSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await pool.withConnection { connection in
            connection.eventLoop.makeFutureWithTask { try await body(connection.sql(queryLogLevel: .trace)) }
        }.get()
    }

    /// PostgreSQL queues writers itself (row locks, `FOR UPDATE`), so no gate is needed in the process.
    func writeTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await plainTransaction(body)
    }

    func shutdown() async throws {
        try await pool.shutdownAsync()
    }
}

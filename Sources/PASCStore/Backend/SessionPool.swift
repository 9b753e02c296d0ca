import AsyncKit
import Logging
import NIOCore
import NIOPosix
import PASCCore
import SQLKit

/// A pool of driver connections on NIO's shared event loops that lends one connection per session.
///
/// `@unchecked Sendable`: AsyncKit's `EventLoopGroupConnectionPool` guards its state with a lock and
/// is used across tasks by design, but does not declare `Sendable`.
struct SessionPool<Source: ConnectionPoolSource>: @unchecked Sendable where Source.Connection: Sendable {
    private let pool: EventLoopGroupConnectionPool<Source>
    private let database: @Sendable (Source.Connection) -> any SQLDatabase
    /// Whether a driver error means the database cannot be reached (as opposed to a failing statement).
    private let isConnectionFailure: @Sendable (any Error) -> Bool
    /// Runs on each connection before it is lent (SQLite: reload a schema changed by a migration).
    private let beforeLending: (@Sendable (Source.Connection, any SQLDatabase) async throws -> Void)?

    /// - Parameter database: wraps a driver connection as an `SQLDatabase`.
    init(
        source: Source,
        connectionsPerEventLoop: Int,
        requestTimeout: TimeAmount,
        logger: Logger,
        isConnectionFailure: @escaping @Sendable (any Error) -> Bool,
        beforeLending: (@Sendable (Source.Connection, any SQLDatabase) async throws -> Void)? = nil,
        database: @escaping @Sendable (Source.Connection) -> any SQLDatabase
    ) {
        // The pool reports each failed connection attempt at error level; the store reports the
        // failure itself (one line at startup, problem+json and a log entry at run time).
        var quiet = logger
        quiet.logLevel = .critical
        pool = EventLoopGroupConnectionPool(
            source: source,
            maxConnectionsPerEventLoop: connectionsPerEventLoop,
            requestTimeout: requestTimeout,
            logger: quiet,
            on: MultiThreadedEventLoopGroup.singleton
        )
        self.database = database
        self.isConnectionFailure = isConnectionFailure
        self.beforeLending = beforeLending
    }

    /// Lends one connection to `body`. A lost or unreachable database surfaces as
    /// ``StoreError/unreachable(_:)`` so callers can answer 503 rather than 500.
    func withSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let database = database
        let beforeLending = beforeLending
        do {
            return try await pool.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    let db = database(connection)
                    try await beforeLending?(connection, db)
                    return try await body(db)
                }
            }.get()
        } catch is ConnectionPoolTimeoutError {
            throw StoreError.unreachable("no database connection became free in time")
        } catch is ConnectionPoolError {
            throw StoreError.unreachable("the connection pool is shut down")
        } catch  where isConnectionFailure(error) {
            throw StoreError.unreachable(StoreFactory.describe(error))
        }
    }

    func shutdown() async throws {
        try await pool.shutdownAsync()
    }
}

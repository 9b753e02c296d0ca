import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PASCCore
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite, the embedded default: one file, WAL journal, foreign keys on, synchronous commits.
final class SQLiteBackend: SQLBackend {
    let dialect = SQLDialectKind.sqlite
    let path: String
    private let sessions: SessionPool<PragmaSQLiteSource>
    /// SQLite's own busy wait blocks a thread of the pool while it sleeps; with few threads the
    /// holder of the write lock may then find none to commit with. Write transactions therefore
    /// queue here, in the process, and never meet SQLite's lock; those that queue together share
    /// one commit (see ``GroupCommit``).
    private let writer: GroupCommit
    /// Blocking SQLite calls run here, apart from NIO's shared pool.
    private let threadPool: NIOThreadPool

    /// Opens (creating if needed) the database file and its folder.
    init(path: String, logger: Logger) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unreachable("cannot create the folder \(folder.path) for the SQLite database (\(error.localizedDescription))")
        }
        self.path = url.path
        threadPool = NIOThreadPool(numberOfThreads: 4)
        threadPool.start()
        // Two connections per event loop: readers proceed while one writer holds the WAL lock.
        let sessions = SessionPool(
            source: PragmaSQLiteSource(path: url.path, threadPool: threadPool),
            connectionsPerEventLoop: 2,
            requestTimeout: .seconds(30),
            logger: logger,
            // An embedded file is unreachable only when it cannot be opened, which the pool reports as
            // an error from the connection source; statement errors are bugs and stay 500s.
            isConnectionFailure: { error in (error as? SQLiteError)?.reason == .cantOpen },
            database: { $0.sql(queryLogLevel: nil) }  // binds can hold personal data: never logged
        )
        self.sessions = sessions
        writer = GroupCommit { work in
            try await sessions.withSession { db in
                try await db.raw("BEGIN IMMEDIATE").run()
                do {
                    let results = try await work(db)
                    try await db.raw("COMMIT").run()
                    return results
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }

    func withSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sessions.withSession(body)
    }

    func writeTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writer.run(body)
    }

    /// Commits issued so far: fewer than write transactions when they shared commits.
    func commits() async -> Int { await writer.commits }

    func shutdown() async throws {
        try await sessions.shutdown()
        try await threadPool.shutdownGracefully()
    }
}

/// Opens SQLite connections with the settings PASC relies on.
///
/// `synchronous = FULL` makes every commit wait for the WAL to reach the disk, so an acknowledged
/// write survives `kill -9` and a power cut; `busy_timeout` lets concurrent writers wait their turn.
struct PragmaSQLiteSource: ConnectionPoolSource {
    let path: String
    let threadPool: NIOThreadPool

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop).flatMap { connection in
            let pragmas = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"]
            return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { chain, pragma in
                chain.flatMap { connection.query(pragma).map { _ in } }
            }.map { connection }.flatMapError { error in
                connection.close().flatMapThrowing { throw error }
            }
        }
    }
}

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
    /// Bumped by each migration run; a connection that saw an older one reloads its schema before
    /// it is lent. SQLiteNIO reads a `SELECT *`'s column names when it prepares the statement, and a
    /// connection that cached the schema before an `ALTER TABLE` would otherwise name the old
    /// columns only (seen: a dossier read without `holder_code` right after migrating).
    private let schema = SchemaGenerations()

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
            beforeLending: { [schema] connection, db in
                if schema.isStale(ObjectIdentifier(connection)) {
                    // Stepping any statement checks the schema cookie and reloads a changed schema.
                    try await db.raw("SELECT count(*) AS n FROM sqlite_master").run()
                    schema.markCurrent(ObjectIdentifier(connection))
                }
            },
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

    func schemaChanged() { schema.bump() }

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

/// Which schema generation each pooled connection has seen.
final class SchemaGenerations: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var seen: [ObjectIdentifier: Int] = [:]

    func bump() { lock.withLock { current += 1 } }

    /// A connection not seen before counts as current: it was opened after any change, or will load the schema fresh.
    func isStale(_ connection: ObjectIdentifier) -> Bool {
        lock.withLock {
            guard let generation = seen[connection] else {
                seen[connection] = current
                return false
            }
            return generation < current
        }
    }

    func markCurrent(_ connection: ObjectIdentifier) { lock.withLock { seen[connection] = current } }
}

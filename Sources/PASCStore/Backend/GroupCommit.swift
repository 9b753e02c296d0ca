import SQLKit

/// Group commit for the single SQLite writer: write transactions that arrive while one is
/// committing wait in line, and the next commit carries all of them, each in its own savepoint.
///
/// A durable commit costs an `fsync`, which dwarfs the statements of a reception; one writer at a
/// time means one `fsync` per write. Sharing the commit keeps every guarantee a caller relies on:
/// its statements run alone and in order (one connection, FIFO), its failure rolls back only its
/// own savepoint, and it hears back only after the `COMMIT` that holds its writes has returned, so
/// an acknowledged write is on disk. If the shared `COMMIT` fails, every caller in it gets the error
/// and none of their writes exist.
actor GroupCommit {
    typealias Body = @Sendable (any SQLDatabase) async throws -> any Sendable

    private struct Job {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// Runs the statements of a transaction: `BEGIN`, the jobs, `COMMIT` on one connection.
    typealias Session =
        @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> [Result<any Sendable, any Error>]) async throws -> [Result<
            any Sendable, any Error
        >]

    private let session: Session
    /// At most this many transactions share one commit, so that one commit never grows without bound.
    private let maximumBatch: Int
    private var waiting: [Job] = []
    private var draining = false
    /// Commits issued so far (each carrying one or more transactions).
    private(set) var commits = 0

    init(maximumBatch: Int = 64, session: @escaping Session) {
        self.maximumBatch = maximumBatch
        self.session = session
    }

    func run<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let value = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            waiting.append(Job(body: { db in try await body(db) }, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
        guard let result = value as? R else { preconditionFailure("a job's result comes back as the type it was run with") }
        return result
    }

    /// Commits batches until nobody waits; callers arriving meanwhile join the next batch.
    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(maximumBatch))
            waiting.removeFirst(batch.count)
            let bodies = batch.map(\.body)
            do {
                let results = try await session { db in try await Self.runJobs(bodies, on: db) }
                commits += 1
                for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            } catch {
                // BEGIN or COMMIT failed: nothing of this batch was written.
                for job in batch { job.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }

    /// Each job in a savepoint: a job that throws leaves no trace and the others go on. If the
    /// savepoint cannot be rolled back (the transaction itself is gone), the batch fails as a whole.
    private static func runJobs(_ bodies: [Body], on db: any SQLDatabase) async throws -> [Result<any Sendable, any Error>] {
        // Alone in its commit, a job needs no savepoint: its failure rolls the whole transaction back.
        if bodies.count == 1 { return [.success(try await bodies[0](db))] }
        var results: [Result<any Sendable, any Error>] = []
        results.reserveCapacity(bodies.count)
        for body in bodies {
            try await db.raw("SAVEPOINT job").run()
            do {
                let value = try await body(db)
                try await db.raw("RELEASE job").run()
                results.append(.success(value))
            } catch {
                try await db.raw("ROLLBACK TO job").run()
                try await db.raw("RELEASE job").run()
                results.append(.failure(error))
            }
        }
        return results
    }
}

import Foundation
import Logging
import PostgresKit
import SQLKit

/// Tells the other servers on one PostgreSQL database which dossiers changed, after the commits,
/// with `NOTIFY` in batches off the request's path.
///
/// A `NOTIFY` inside the event's transaction would be atomic with it, but PostgreSQL serialises the
/// commits of notifying transactions: event throughput fell from 356/s to 245–269/s
/// (`pasc-bench log-append`). Sent afterwards, codes gather while one notification is on its way
/// and go together in the next; a failed notification is retried (backing off up to 5 s) until the
/// store stops. If the process dies between a commit and its notification, other servers' copies
/// of that view still expire (``PublicViewCache`` keeps none longer than a minute).
final class PostgresChangeAnnouncer: @unchecked Sendable {
    private let backend: PostgresBackend
    private let logger: Logger
    private let lock = NSLock()
    private var pending: Set<String> = []
    private var sender: Task<Void, Never>?
    /// Set by ``stop()``: nothing new is taken, and a failure is no longer retried.
    private var stopping = false

    /// Codes per notification: a payload must stay under PostgreSQL's 8,000 bytes.
    static let batch = 250

    init(backend: PostgresBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
    }

    func announce(_ code: String) {
        lock.withLock {
            guard !stopping else { return }
            pending.insert(code)
            if sender == nil { sender = Task { await self.drain() } }
        }
    }

    /// Sends what is pending, one attempt, and takes nothing more: before the store shuts down.
    func stop() async {
        lock.withLock { stopping = true }
        while let running = lock.withLock({ sender }) { await running.value }
    }

    private func drain() async {
        var failures = 0
        while true {
            let codes: [String] = lock.withLock {
                let codes = Array(pending)
                pending = []
                if codes.isEmpty { sender = nil }
                return codes
            }
            if codes.isEmpty { return }
            for start in stride(from: 0, to: codes.count, by: Self.batch) {
                let chunk = codes[start..<min(start + Self.batch, codes.count)]
                do {
                    try await backend.withSession { db in
                        try await db.raw("SELECT pg_notify(\(unsafeRaw: SQLStore.dossierChannel), \(bind: chunk.joined(separator: ",")))").run()
                    }
                    failures = 0
                } catch {
                    failures += 1
                    let retry = lock.withLock {
                        if !stopping { pending.formUnion(chunk) }
                        return !stopping
                    }
                    let outcome = retry ? "retrying" : "other servers' copies expire within a minute"
                    logger.warning("dossier changes: NOTIFY failed (\(String(describing: type(of: error)))); \(outcome)")
                    if retry { try? await Task.sleep(for: .milliseconds(min(5000, 200 * failures))) }
                }
            }
        }
    }
}

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
/// and go together in the next. If the process dies between a commit and its notification, other
/// servers' copies of that view still expire (``PublicViewCache`` keeps none longer than a minute).
final class PostgresChangeAnnouncer: @unchecked Sendable {
    private let backend: PostgresBackend
    private let logger: Logger
    private let lock = NSLock()
    private var pending: Set<String> = []
    private var sender: Task<Void, Never>?

    /// Codes per notification: a payload must stay under PostgreSQL's 8,000 bytes.
    static let batch = 250

    init(backend: PostgresBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
    }

    func announce(_ code: String) {
        lock.withLock {
            pending.insert(code)
            if sender == nil { sender = Task { await self.drain() } }
        }
    }

    /// Waits until every code announced so far is sent (or failed): before the store shuts down.
    func flush() async {
        while let running = lock.withLock({ sender }) { await running.value }
    }

    private func drain() async {
        while true {
            let codes: [String] = lock.withLock {
                let codes = Array(pending)
                pending = []
                if codes.isEmpty { sender = nil }
                return codes
            }
            if codes.isEmpty { return }
            for start in stride(from: 0, to: codes.count, by: Self.batch) {
                let payload = codes[start..<min(start + Self.batch, codes.count)].joined(separator: ",")
                do {
                    try await backend.withSession { db in
                        try await db.raw("SELECT pg_notify(\(unsafeRaw: SQLStore.dossierChannel), \(bind: payload))").run()
                    }
                } catch {
                    logger.warning(
                        "dossier changes: NOTIFY failed (\(String(describing: type(of: error)))); other servers' copies expire within a minute"
                    )
                }
            }
        }
    }
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import PASCCore
import PASCDomain
import PostgresKit
import SQLKit

/// The queue feed across server processes: an event is published with `NOTIFY` and every
/// process, the publisher included, hears it on its own `LISTEN` connection and hands it to its
/// boards. The channel is named after the schema, so databases shared by several deployments (or
/// test schemas) do not hear each other.
final class PostgresQueueFeed: QueueFeed, @unchecked Sendable {
    private let local = LocalQueueFeed()
    private let backend: PostgresBackend
    private let channel: String
    private let logger: Logger
    private let lock = NSLock()
    private var listening = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var task: Task<Void, Never>?

    init(backend: PostgresBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
        channel = "pasc_queue" + (backend.searchPath.map { "_" + $0.filter { $0.isLetter || $0.isNumber || $0 == "_" } } ?? "")
        task = Task { [weak self] in await self?.listen() }
    }

    func publish(_ event: QueueBoardEvent) async {
        guard let data = try? JSONEncoder().encode(event) else { return }
        let payload = String(decoding: data, as: UTF8.self)
        let channel = channel
        do {
            try await backend.withSession { db in try await db.raw("SELECT pg_notify(\(bind: channel), \(bind: payload))").run() }
        } catch {
            // The board misses one event and catches up with the next state it reads; the ticket step itself is committed.
            logger.warning("queue feed: NOTIFY failed: \(String(describing: type(of: error)))")
        }
    }

    func subscribe(office: OfficeCode) -> AsyncStream<QueueBoardEvent> { local.subscribe(office: office) }

    func ready() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock {
                if listening { return true }
                waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func stop() {
        task?.cancel()
    }

    /// Listens until stopped, reconnecting after a lost connection.
    private func listen() async {
        let channel = channel
        await PostgresListener(configuration: backend.configuration, logger: logger, label: "queue feed").run(
            channel: { channel },
            connected: { [weak self] connected in
                guard connected, let self else { return }
                let resumed = self.lock.withLock {
                    self.listening = true
                    defer { self.waiters = [] }
                    return self.waiters
                }
                for waiter in resumed { waiter.resume() }
            },
            deliver: { [local] payload in
                if let event = try? JSONDecoder().decode(QueueBoardEvent.self, from: Data(payload.utf8)) { local.deliver(event) }
            }
        )
    }
}

import Foundation
import PASCDomain

/// What a display board hears: a ticket called (or called again) to a counter, or that the
/// office's queue changed (a ticket issued, served, transferred). Numbers only, no personal data.
public struct QueueBoardEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case call, recall, update
    }

    public let office: String
    public let kind: Kind
    public let ticket: String?
    public let counter: Int?
    public let group: String?
    /// ISO 8601, Asia/Ho_Chi_Minh.
    public let at: String

    public init(office: OfficeCode, kind: Kind, ticket: String?, counter: Int?, group: String?, at: Date) {
        self.office = office.rawValue
        self.kind = kind
        self.ticket = ticket
        self.counter = counter
        self.group = group
        self.at = VietnamTime.format(at)
    }
}

/// Live queue events fanned out to the boards of an office. On SQLite one process serves and
/// the fan-out is in memory; on PostgreSQL every server hears every server's events
/// (`LISTEN`/`NOTIFY`), so a board connected to one process sees calls made through another.
public protocol QueueFeed: Sendable {
    func publish(_ event: QueueBoardEvent) async
    /// Events for `office` from now on; the subscription ends when the stream is dropped.
    func subscribe(office: OfficeCode) -> AsyncStream<QueueBoardEvent>
    /// Returns once events from other processes are heard (at once where there are none).
    func ready() async
}

/// The in-process fan-out.
public final class LocalQueueFeed: QueueFeed, @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [String: [UUID: AsyncStream<QueueBoardEvent>.Continuation]] = [:]

    public init() {}

    public func publish(_ event: QueueBoardEvent) async { deliver(event) }

    /// Hands an event to this process's subscribers (the PostgreSQL listener calls it for every notification).
    public func deliver(_ event: QueueBoardEvent) {
        let targets = lock.withLock { Array((subscribers[event.office] ?? [:]).values) }
        for continuation in targets { continuation.yield(event) }
    }

    public func subscribe(office: OfficeCode) -> AsyncStream<QueueBoardEvent> {
        let id = UUID()
        let key = office.rawValue
        // A slow board keeps the newest events, not an unbounded backlog.
        let (stream, continuation) = AsyncStream<QueueBoardEvent>.makeStream(bufferingPolicy: .bufferingNewest(100))
        lock.withLock { subscribers[key, default: [:]][id] = continuation }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.withLock { _ = self.subscribers[key]?.removeValue(forKey: id) }
        }
        return stream
    }

    public func ready() async {}

    public var subscriberCount: Int { lock.withLock { subscribers.values.map(\.count).reduce(0, +) } }
}

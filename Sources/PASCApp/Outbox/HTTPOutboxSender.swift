import Foundation
import PASCCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts each message, in order, as its own JSON request to an endpoint (the portal connector, an
/// SMS gateway's webhook). `Idempotency-Key: pasc-outbox-<id>` lets the receiver drop a message it
/// got before an earlier attempt failed half way.
public struct HTTPOutboxSender: OutboxSender {
    public let endpoint: URL
    public let timeout: TimeInterval

    public init(endpoint: URL, timeout: TimeInterval = 10) {
        self.endpoint = endpoint
        self.timeout = timeout
    }

    public struct Refused: Error, CustomStringConvertible {
        public let messageID: Int
        public let status: Int
        public var description: String { "the endpoint answered \(status) to outbox message \(messageID)" }
    }

    public func send(_ messages: [OutboxMessage]) async throws {
        for message in messages {
            var request = URLRequest(url: endpoint, timeoutInterval: timeout)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("pasc-outbox-\(message.id)", forHTTPHeaderField: "Idempotency-Key")
            request.httpBody = Data(FileOutboxSender.envelope(message).utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else { throw Refused(messageID: message.id, status: status) }
        }
    }
}

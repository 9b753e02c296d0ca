import Foundation

/// Delivers an outbox channel in order and marks what was delivered. A batch that fails is tried
/// again next time from its first message, so delivery is at least once and never out of order.
public struct OutboxDelivery: Sendable {
    public let store: any OutboxStore
    public let sender: any OutboxSender
    public let clock: any Clock

    public init(store: any OutboxStore, sender: any OutboxSender, clock: any Clock) {
        self.store = store
        self.sender = sender
        self.clock = clock
    }

    /// Delivers everything waiting, `batch` at a time; `progress` gets the running total.
    @discardableResult
    public func run(_ channel: OutboxChannel, batch: Int = 200, progress: (Int) -> Void = { _ in }) async throws -> Int {
        var delivered = 0
        while true {
            let messages = try await store.pendingOutbox(channel, limit: batch)
            if messages.isEmpty { return delivered }
            try await sender.send(messages)
            try await store.markDelivered(messages.map(\.id), at: clock.now())
            delivered += messages.count
            progress(delivered)
        }
    }
}

/// Appends each message as one JSON line to a file and syncs it to disk before reporting success.
public struct FileOutboxSender: OutboxSender {
    public let path: String

    public init(path: String) { self.path = path }

    public func send(_ messages: [OutboxMessage]) async throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        var data = Data()
        for message in messages {
            data.append(Data(Self.envelope(message).utf8))
            data.append(0x0A)
        }
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    /// `{"id":…,"channel":…,"dossier":…,"createdAt":…,"payload":{…}}` on one line.
    public static func envelope(_ message: OutboxMessage) -> String {
        let head: [String: Any] = [
            "id": message.id, "channel": message.channel.rawValue, "dossier": message.dossier, "createdAt": VietnamTime.format(message.createdAt),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: head, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropLast()) + ",\"payload\":" + message.payload + "}"
    }
}

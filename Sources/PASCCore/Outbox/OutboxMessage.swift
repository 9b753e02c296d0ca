import Foundation
import PASCDomain

/// Where an outbox message goes: the national public service portal (DVCQG progress sync) or the
/// applicant (SMS, e-mail, Zalo through a sender).
public enum OutboxChannel: String, CaseIterable, Sendable {
    case portal
    case notification
}

/// A message written in the same transaction as the step that caused it, delivered later, in
/// order, at least once (a receiver must accept the same `id` twice).
public struct OutboxMessage: Sendable, Equatable {
    public let id: Int
    public let channel: OutboxChannel
    public let dossier: String
    /// JSON text.
    public let payload: String
    public let createdAt: Date

    public init(id: Int, channel: OutboxChannel, dossier: String, payload: String, createdAt: Date) {
        self.id = id
        self.channel = channel
        self.dossier = dossier
        self.payload = payload
        self.createdAt = createdAt
    }
}

/// A message before it has its number.
public struct NewOutboxMessage: Sendable, Equatable {
    public let channel: OutboxChannel
    public let payload: String

    public init(channel: OutboxChannel, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}

/// The outbox table.
public protocol OutboxStore: Sendable {
    /// Undelivered messages of a channel, oldest first.
    func pendingOutbox(_ channel: OutboxChannel, limit: Int) async throws -> [OutboxMessage]
    func markDelivered(_ ids: [Int], at: Date) async throws
    /// Delivered and waiting messages of a channel.
    func outboxCounts(_ channel: OutboxChannel) async throws -> (delivered: Int, waiting: Int)
}

/// Hands messages to the world: a file, an HTTP endpoint, an SMS gateway.
public protocol OutboxSender: Sendable {
    /// Delivers the messages in order; throws if any was not accepted (none after it is tried).
    func send(_ messages: [OutboxMessage]) async throws
}

import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: OutboxStore {
    public func pendingOutbox(_ channel: OutboxChannel, limit: Int) async throws -> [OutboxMessage] {
        try await backend.withSession { db in
            try await db.raw(
                """
                SELECT id, dossier_code, payload, created_at FROM outbox
                WHERE channel = \(bind: channel.rawValue) AND delivered_at IS NULL ORDER BY id LIMIT \(bind: limit)
                """
            ).all().map { row in
                OutboxMessage(
                    id: try row.decode(column: "id", as: Int.self),
                    channel: channel,
                    dossier: try row.decode(column: "dossier_code", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    createdAt: VietnamTime.parseInstant(try row.decode(column: "created_at", as: String.self)) ?? Date(timeIntervalSince1970: 0)
                )
            }
        }
    }

    public func markDelivered(_ ids: [Int], at: Date) async throws {
        guard !ids.isEmpty else { return }
        try await backend.withSession { db in
            try await db.raw("UPDATE outbox SET delivered_at = \(bind: VietnamTime.format(at)) WHERE id IN (\(binds: ids)) AND delivered_at IS NULL")
                .run()
        }
    }

    public func outboxCounts(_ channel: OutboxChannel) async throws -> (delivered: Int, waiting: Int) {
        try await backend.withSession { db in
            let row = try await db.raw(
                """
                SELECT SUM(CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END) AS delivered,
                    SUM(CASE WHEN delivered_at IS NULL THEN 1 ELSE 0 END) AS waiting
                FROM outbox WHERE channel = \(bind: channel.rawValue)
                """
            ).first()
            return (try row?.decode(column: "delivered", as: Int?.self) ?? 0, try row?.decode(column: "waiting", as: Int?.self) ?? 0)
        }
    }
}

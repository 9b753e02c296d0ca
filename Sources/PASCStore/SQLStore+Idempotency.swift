import PASCCore
import SQLKit

extension SQLStore: IdempotencyStore {
    public func claimIdempotencyKey(
        scope: String,
        key: String,
        requestHash: String,
        nowEpoch: Int,
        maximumAgeSeconds: Int
    ) async throws
        -> IdempotencyClaim
    {
        try await backend.transaction { db in
            try await db.raw("DELETE FROM idempotency_keys WHERE created_epoch < \(bind: nowEpoch - maximumAgeSeconds)").run()
            let inserted = try await db.raw(
                """
                INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, created_epoch)
                VALUES (\(bind: scope), \(bind: key), \(bind: requestHash), \(bind: nowEpoch))
                ON CONFLICT (scope, idempotency_key) DO NOTHING RETURNING idempotency_key
                """
            ).first()
            if inserted != nil { return .claimed }
            guard
                let row = try await db.raw(
                    "SELECT request_hash, status, body FROM idempotency_keys WHERE scope = \(bind: scope) AND idempotency_key = \(bind: key)"
                ).first()
            else { return .inProgress }
            guard try row.decode(column: "request_hash", as: String.self) == requestHash else { return .differentRequest }
            guard let status = try row.decode(column: "status", as: Int?.self), let body = try row.decode(column: "body", as: String?.self) else {
                return .inProgress
            }
            return .answered(status: status, body: body)
        }
    }

    public func completeIdempotencyKey(scope: String, key: String, status: Int, body: String) async throws {
        try await backend.transaction { db in
            try await db.raw(
                """
                UPDATE idempotency_keys SET status = \(bind: status), body = \(bind: body)
                WHERE scope = \(bind: scope) AND idempotency_key = \(bind: key)
                """
            ).run()
        }
    }

    public func releaseIdempotencyKey(scope: String, key: String) async throws {
        try await backend.transaction { db in
            try await db.raw("DELETE FROM idempotency_keys WHERE scope = \(bind: scope) AND idempotency_key = \(bind: key) AND status IS NULL").run()
        }
    }
}

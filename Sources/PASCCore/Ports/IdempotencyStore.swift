/// Idempotency keys of creating requests, kept 24 hours in the database so every server sees them.
public protocol IdempotencyStore: Sendable {
    /// Claims `key` for a request with `requestHash`. Returns `.claimed` when this caller should do the
    /// work, or what an earlier request with the key left: its answer, a different body, or work
    /// still in progress. Keys older than `maximumAgeSeconds` are forgotten first.
    func claimIdempotencyKey(
        scope: String,
        key: String,
        requestHash: String,
        nowEpoch: Int,
        maximumAgeSeconds: Int
    ) async throws
        -> IdempotencyClaim
    /// Stores the answer of a claimed key.
    func completeIdempotencyKey(scope: String, key: String, status: Int, body: String) async throws
    /// Gives a claimed key back when the work failed before answering, so a retry may run.
    func releaseIdempotencyKey(scope: String, key: String) async throws
}

public enum IdempotencyClaim: Equatable, Sendable {
    case claimed
    case answered(status: Int, body: String)
    case differentRequest
    case inProgress
}

/// Failed attempts counted in several shared windows at once (per account and per address for
/// sign-ins; per dossier and per address for access secrets). Past any limit, every attempt is
/// refused until that window ends, whatever it carries.
struct AttemptLimiter: Sendable {
    let counters: any AccountStore
    let windowSeconds: Int
    /// Bucket name and the failures it allows per window.
    let limits: [(bucket: String, allowed: Int)]

    /// True when any bucket has used up its failures in the current window.
    func isExhausted(nowEpoch: Int) async throws -> Bool {
        for limit in limits where try await counters.hits(bucket: limit.bucket, windowSeconds: windowSeconds, nowEpoch: nowEpoch) >= limit.allowed {
            return true
        }
        return false
    }

    /// Counts one failure in every bucket.
    func recordFailure(nowEpoch: Int) async throws {
        for limit in limits { _ = try await counters.hit(bucket: limit.bucket, windowSeconds: windowSeconds, nowEpoch: nowEpoch) }
    }
}

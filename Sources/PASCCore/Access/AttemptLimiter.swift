/// Attempts counted in several shared windows at once (per account and per address for
/// sign-ins; per dossier and per address for access secrets; per address, office and day for
/// tickets). Past any limit, every attempt is refused until that window ends, whatever it carries.
///
/// Every attempt is counted **before** it is judged, in the same statement that returns the count
/// (``RateCounterStore/hit(bucket:windowSeconds:nowEpoch:)``): reading the count, checking it and
/// counting afterwards let 150 guesses sent at once all pass a limit of 5. An attempt that turns
/// out right gives its count back (``refund(nowEpoch:)``), so the limits still count failures.
struct AttemptLimiter: Sendable {
    let counters: any RateCounterStore
    let windowSeconds: Int
    /// Bucket name and the attempts it allows per window.
    let limits: [(bucket: String, allowed: Int)]

    /// Counts this attempt in every bucket; false when any bucket is now over its limit.
    func admit(nowEpoch: Int) async throws -> Bool {
        try await overLimit(nowEpoch: nowEpoch) == nil
    }

    /// Counts this attempt in every bucket (all of them, so each stored count is every attempt);
    /// the first bucket now over its limit, or nil when all admit it.
    func overLimit(nowEpoch: Int) async throws -> (bucket: String, allowed: Int)? {
        var over: (bucket: String, allowed: Int)?
        for limit in limits where try await counters.hit(bucket: limit.bucket, windowSeconds: windowSeconds, nowEpoch: nowEpoch) > limit.allowed {
            if over == nil { over = limit }
        }
        return over
    }

    /// Gives back an admitted attempt that turned out right.
    func refund(nowEpoch: Int) async throws {
        for limit in limits { try await counters.unhit(bucket: limit.bucket, windowSeconds: windowSeconds, nowEpoch: nowEpoch) }
    }
}

/// Shared rate-limit counters in fixed windows, kept in the database so every server of a
/// deployment counts against the same limit.
public protocol RateCounterStore: Sendable {
    /// Counts one hit in `bucket`'s fixed window of `windowSeconds` and returns the hits in the
    /// current window (this one included), in one statement: two hits at the same moment never
    /// read the same count.
    func hit(bucket: String, windowSeconds: Int, nowEpoch: Int) async throws -> Int
    /// The hits so far in the current window, without counting one.
    func hits(bucket: String, windowSeconds: Int, nowEpoch: Int) async throws -> Int
    /// Takes back one hit of the current window (an attempt that turned out right), never below zero.
    func unhit(bucket: String, windowSeconds: Int, nowEpoch: Int) async throws
    func clearBucket(_ bucket: String) async throws
}

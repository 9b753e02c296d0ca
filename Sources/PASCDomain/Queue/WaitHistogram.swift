/// Waits in one-minute buckets: counts that add up across counters, days and offices, so any
/// period's mean, 90th percentile and share over a target follow from the sum.
public struct WaitHistogram: Hashable, Sendable, Codable {
    /// `buckets[m]` counts waits of m minutes (m ≤ wait < m + 1); the last bucket holds everything longer.
    public private(set) var buckets: [Int]
    public private(set) var totalSeconds: Int

    /// Two hours of one-minute buckets, then one open bucket.
    public static let bucketCount = 121

    public init() {
        buckets = Array(repeating: 0, count: Self.bucketCount)
        totalSeconds = 0
    }

    /// Rebuilds a histogram from stored bucket counts (minute → count) and the waits' total.
    public init(counts: [Int: Int], totalSeconds: Int) {
        self.init()
        for (minute, n) in counts { buckets[min(max(minute, 0), Self.bucketCount - 1)] += n }
        self.totalSeconds = totalSeconds
    }

    public var count: Int { buckets.reduce(0, +) }

    public mutating func add(seconds: Int) {
        let seconds = max(0, seconds)
        buckets[min(seconds / 60, Self.bucketCount - 1)] += 1
        totalSeconds += seconds
    }

    public mutating func merge(_ other: WaitHistogram) {
        for index in buckets.indices { buckets[index] += other.buckets[index] }
        totalSeconds += other.totalSeconds
    }

    public var meanSeconds: Double? { count == 0 ? nil : Double(totalSeconds) / Double(count) }

    /// The smallest whole minute m such that at least `fraction` of waits are under m + 1 minutes
    /// (the bucket's upper edge: a conservative percentile, never below the true one by more than a minute).
    public func percentileMinutes(_ fraction: Double) -> Int? {
        let total = count
        guard total > 0 else { return nil }
        let needed = Int((fraction * Double(total)).rounded(.up))
        var seen = 0
        for (minute, n) in buckets.enumerated() {
            seen += n
            if seen >= max(needed, 1) { return minute + 1 }
        }
        return Self.bucketCount
    }

    /// The share of waits of at least `minutes` minutes.
    public func share(atLeastMinutes minutes: Int) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let over = buckets[min(minutes, Self.bucketCount - 1)...].reduce(0, +)
        return Double(over) / Double(total)
    }
}

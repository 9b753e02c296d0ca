/// The wait a newly issued ticket is told to expect: the tickets ahead of it shared among the
/// counters open for its group, each taking the recent mean service time.
public enum ExpectedWait {
    /// The service time assumed before any has been measured (seconds).
    public static let defaultServiceSeconds = 600

    /// Seconds; nil when no counter is open for the group (nobody can say).
    ///
    /// An idle counter takes a ticket at once. Otherwise the busy counters are on average half-way
    /// through their current service, and each round of `openCounters` tickets ahead adds one service.
    public static func seconds(ahead: Int, openCounters: Int, idleCounters: Int, meanServiceSeconds: Int?) -> Int? {
        guard openCounters > 0 else { return nil }
        if ahead < idleCounters { return 0 }
        let service = Double(meanServiceSeconds ?? defaultServiceSeconds)
        let rounds = (ahead - idleCounters) / openCounters
        return Int((Double(rounds) * service + service / 2).rounded())
    }
}

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

extension ExpectedWait {
    /// A wait counted in serving time, moved past the breaks between the day's sessions: the
    /// counters stop when a session closes (the lunch break) and the queue moves again when the
    /// next one opens. `second` and the sessions are seconds after midnight. A wait that runs past
    /// the last session keeps counting as if the office stayed open (the ticket will not be served
    /// that day; the closing sweep says so).
    public static func acrossBreaks(_ wait: Int, from second: Int, sessions: [(opens: Int, closes: Int)]) -> Int {
        var remaining = wait
        var moment = second
        for session in sessions.sorted(by: { $0.opens < $1.opens }) where moment < session.closes {
            let start = max(moment, session.opens)
            let room = session.closes - start
            if remaining <= room { return start + remaining - second }
            remaining -= room
            moment = session.closes
        }
        return moment + remaining - second
    }
}

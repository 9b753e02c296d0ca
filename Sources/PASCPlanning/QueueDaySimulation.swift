import Foundation
import PASCDomain

/// A replayed office day at the counters, to measure how far the wait a ticket is told to expect
/// (``ExpectedWait``, as the queue computes it at issue) lies from the wait it then has.
///
/// The day has the shape of a Vietnamese one-stop office: tickets only while open (07:00–11:30
/// and 13:30–17:00 by default), a morning peak and a smaller afternoon one, nobody served over
/// the lunch break, service times drawn from a lognormal distribution, and some people gone when
/// called (no-shows). Counters call by ``QueuePolicy``. Deterministic for a seed.
public struct QueueDaySimulation: Sendable {
    public struct Settings: Sendable {
        /// Open sessions as minutes after midnight.
        public var sessions: [(opens: Int, closes: Int)] = [(7 * 60, 11 * 60 + 30), (13 * 60 + 30, 17 * 60)]
        /// Whether the estimate moves waits past the lunch break (``ExpectedWait/acrossBreaks(_:from:sessions:)``),
        /// as the queue does; off to measure what that adds.
        public var foreseeBreaks = true
        /// Expected arrivals per hour, by hour of day (a morning peak at 8–9, a smaller one at 14).
        public var arrivalsPerHour: [Int: Double] = [7: 18, 8: 34, 9: 30, 10: 22, 11: 10, 13: 16, 14: 26, 15: 20, 16: 10]
        public var counters = 3
        /// Lognormal service time: the median (seconds) and the log-scale spread.
        public var serviceMedianSeconds = 420.0
        public var serviceSigma = 0.55
        public var noShowShare = 0.06
        /// How long a counter waits for a called ticket before marking it a no-show.
        public var noShowSeconds = 120
        public var priorityShare = 0.1
        public var policy = QueuePolicy.standard
        /// Service times the estimate averages (the queue uses the last 20 of the day).
        public var recentServices = 20

        public init() {}
    }

    /// One ticket's promise and what happened.
    public struct Outcome: Sendable {
        public let issuedAt: Int
        public let expectedSeconds: Int?
        /// First call − issue; nil for a ticket left at closing.
        public let waitedSeconds: Int?
        public let noShow: Bool
    }

    public let settings: Settings

    public init(settings: Settings = Settings()) { self.settings = settings }

    struct Ticket: QueueEntry {
        let id: Int
        let group = "A"
        let priority: PriorityCategory?
        let queuedSince: Int
        let noShow: Bool
        let service: Int
    }

    /// Replays one day; times are seconds after midnight.
    public func run(seed: UInt64) -> [Outcome] {
        var rng = SeededRandom(seed: seed)
        // Arrivals: a Poisson process per hour, only while open.
        var tickets: [Ticket] = []
        for hour in 0..<24 {
            guard let rate = settings.arrivalsPerHour[hour], rate > 0 else { continue }
            var t = Double(hour * 3600)
            while true {
                t += -log(1 - rng.unit()) * 3600 / rate
                if t >= Double((hour + 1) * 3600) { break }
                let second = Int(t)
                guard isOpen(second) else { continue }
                let service = Int(exp(log(settings.serviceMedianSeconds) + settings.serviceSigma * rng.normal()))
                tickets.append(
                    Ticket(
                        id: tickets.count,
                        priority: rng.unit() < settings.priorityShare ? .elderly : nil,
                        queuedSince: second,
                        noShow: rng.unit() < settings.noShowShare,
                        service: max(60, service)
                    )
                )
            }
        }
        // Events in time order: arrivals, and counters becoming free.
        var freeAt = Array(repeating: (settings.sessions.first?.opens ?? 0) * 60, count: settings.counters)
        var waiting: [Ticket] = []
        var expected: [Int: Int?] = [:]
        var waited: [Int: Int] = [:]
        var recent: [Int] = []
        var next = 0
        let closing = (settings.sessions.last?.closes ?? 24 * 60) * 60
        while true {
            let counter = freeAt.indices.min { freeAt[$0] < freeAt[$1] }!
            let free = serviceStart(atOrAfter: freeAt[counter])
            // Tickets issued before the counter is free join the queue first, each told its wait.
            if next < tickets.count, tickets[next].queuedSince <= free {
                let ticket = tickets[next]
                next += 1
                let idle = freeAt.filter { serviceStart(atOrAfter: $0) <= ticket.queuedSince }.count
                let mean = recent.isEmpty ? nil : recent.reduce(0, +) / recent.count
                expected[ticket.id] = ExpectedWait.seconds(
                    ahead: waiting.count,
                    openCounters: settings.counters,
                    idleCounters: idle,
                    meanServiceSeconds: mean
                ).map {
                    settings.foreseeBreaks
                        ? ExpectedWait.acrossBreaks($0, from: ticket.queuedSince, sessions: settings.sessions.map { ($0.opens * 60, $0.closes * 60) })
                        : $0
                }
                waiting.append(ticket)
                continue
            }
            if waiting.isEmpty {
                // Nobody waits: the counter is idle until the next ticket comes.
                guard next < tickets.count else { break }
                freeAt[counter] = tickets[next].queuedSince
                continue
            }
            guard free < closing else { break }
            let called = settings.policy.next(among: waiting, groups: ["A"], now: free)!
            waiting.removeAll { $0.id == called.id }
            waited[called.id] = free - called.queuedSince
            if called.noShow {
                freeAt[counter] = free + settings.noShowSeconds
            } else {
                freeAt[counter] = free + called.service
                recent.append(called.service)
                if recent.count > settings.recentServices { recent.removeFirst() }
            }
        }
        return tickets.map { ticket in
            Outcome(
                issuedAt: ticket.queuedSince,
                expectedSeconds: expected[ticket.id] ?? nil,
                waitedSeconds: waited[ticket.id],
                noShow: ticket.noShow
            )
        }
    }

    func isOpen(_ second: Int) -> Bool {
        settings.sessions.contains { $0.opens * 60 <= second && second < $0.closes * 60 }
    }

    /// Counters start a service only while the office is open: a counter free in the lunch break
    /// starts again when the afternoon opens.
    func serviceStart(atOrAfter second: Int) -> Int {
        for session in settings.sessions {
            if second < session.opens * 60 { return session.opens * 60 }
            if second < session.closes * 60 { return second }
        }
        return Int.max / 2
    }
}

/// The estimate's error by hour of issue, over many replayed days.
public struct WaitEstimateError: Sendable {
    public struct Hour: Sendable {
        public let hour: Int
        public let tickets: Int
        /// Mean of |expected − waited|, minutes.
        public let meanAbsoluteMinutes: Double
        /// Mean of expected − waited, minutes: negative when people waited longer than told.
        public let biasMinutes: Double
        public let meanWaitMinutes: Double
    }

    public let hours: [Hour]

    public init(_ outcomes: [QueueDaySimulation.Outcome]) {
        var byHour: [Int: [(Int, Int)]] = [:]
        for outcome in outcomes {
            guard let expected = outcome.expectedSeconds, let waited = outcome.waitedSeconds else { continue }
            byHour[outcome.issuedAt / 3600, default: []].append((expected, waited))
        }
        hours = byHour.keys.sorted().map { hour in
            let pairs = byHour[hour]!
            let n = Double(pairs.count)
            return Hour(
                hour: hour,
                tickets: pairs.count,
                meanAbsoluteMinutes: pairs.map { Double(abs($0.0 - $0.1)) }.reduce(0, +) / n / 60,
                biasMinutes: pairs.map { Double($0.0 - $0.1) }.reduce(0, +) / n / 60,
                meanWaitMinutes: pairs.map { Double($0.1) }.reduce(0, +) / n / 60
            )
        }
    }
}

/// SplitMix64 with uniform and normal draws (the planning code's randomness, seeded).
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }
}

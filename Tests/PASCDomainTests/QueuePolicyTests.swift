import PASCDomain
import Testing

/// The ordering policy on hand-made queues, and its promise to normal tickets on random ones.
@Suite("Queue ordering policy")
struct QueuePolicyTests {
    struct T: QueueEntry, Equatable {
        let id: Int
        let group: String
        let priority: PriorityCategory?
        let queuedSince: Int
    }

    static func n(_ id: Int, at: Int, group: String = "A") -> T { T(id: id, group: group, priority: nil, queuedSince: at) }
    static func p(_ id: Int, at: Int, group: String = "A") -> T { T(id: id, group: group, priority: .elderly, queuedSince: at) }

    let policy = QueuePolicy.standard

    @Test func aPriorityTicketQueuesBehindThoseWaitingAndMovesUpAsItWaits() {
        let queue = [Self.n(1, at: 0), Self.n(2, at: 120), Self.n(3, at: 300), Self.p(4, at: 360)]
        // Just issued: no credit, behind everyone.
        #expect(policy.order(queue, now: 360).map(\.id) == [1, 2, 3, 4])
        // Four minutes waited count as eight: ahead of the ticket issued a minute before it.
        #expect(policy.order(queue, now: 600).map(\.id) == [1, 2, 4, 3])
        // The credit stops at ten minutes: ahead of all three here (issued 6 minutes before it at most).
        #expect(policy.order(queue, now: 3600).map(\.id) == [4, 1, 2, 3])
        #expect(policy.credit(priority: true, waited: 240) == 240 && policy.credit(priority: true, waited: 5000) == 600)
        #expect(policy.credit(priority: false, waited: 5000) == 0)
    }

    @Test func aNormalTicketIssuedTheCapEarlierIsNeverOvertaken() {
        let queue = [Self.p(2, at: 600), Self.n(1, at: 0)]
        for now in [600, 1200, 1800, 100_000] { #expect(policy.order(queue, now: now).map(\.id) == [1, 2]) }
        let justInside = [Self.p(2, at: 599), Self.n(1, at: 0)]
        #expect(policy.order(justInside, now: 100_000).map(\.id) == [2, 1])
    }

    @Test func aTransferredTicketKeepsItsPlaceAndCountersCallOnlyTheirGroups() {
        // Ticket 7 queued at 100 in group A and was sent to B: it goes ahead of B's later tickets.
        let queue = [Self.n(8, at: 200, group: "B"), Self.n(7, at: 100, group: "B"), Self.n(9, at: 50, group: "C")]
        #expect(policy.next(among: queue, groups: ["B"], now: 300)?.id == 7)
        #expect(policy.next(among: queue, groups: ["B", "C"], now: 300)?.id == 9)
        #expect(policy.next(among: queue, groups: ["D"], now: 300) == nil)
        // Ties go to the earlier ticket, then the lower id.
        #expect(policy.order([Self.n(5, at: 10), Self.n(4, at: 10)], now: 20).map(\.id) == [4, 5])
    }

    /// Deterministic pseudo-random numbers for the generated queues.
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func onRandomQueuesOnlyPriorityIssuedWithinTheCapOvertakesAndEachKindStaysFirstComeFirstServed() {
        var rng = LCG(state: 2026)
        for _ in 0..<300 {
            let queue = (0..<30).map { id in
                T(id: id, group: "A", priority: rng.next(4) == 0 ? .pregnant : nil, queuedSince: rng.next(7200))
            }
            let now = 7200 + rng.next(3600)
            let order = policy.order(queue, now: now)
            for (i, earlier) in order.enumerated() {
                for later in order[(i + 1)...] {
                    if earlier.priority != nil, later.priority == nil {
                        #expect(earlier.queuedSince - later.queuedSince < policy.priorityCreditCap)
                    }
                    if (earlier.priority == nil) == (later.priority == nil) { #expect(earlier.queuedSince <= later.queuedSince) }
                }
            }
        }
    }

    /// What lets the store look at only the oldest ticket of each group and kind: among tickets of
    /// the same kind, one that queued earlier never sorts after one that queued later.
    @Test func theSortKeyGrowsWithTheTimeATicketQueued() {
        var rng = LCG(state: 42)
        for policy in [
            QueuePolicy.standard, QueuePolicy(priorityWeight: 3, priorityCreditCap: 900), QueuePolicy(priorityWeight: 1, priorityCreditCap: 0),
        ] {
            for _ in 0..<2000 {
                let a = rng.next(10_000)
                let b = a + rng.next(3000)
                let now = a + rng.next(12_000)
                for priority in [false, true] {
                    #expect(
                        policy.sortKey(queuedSince: a, priority: priority, now: now) <= policy.sortKey(queuedSince: b, priority: priority, now: now)
                    )
                }
            }
        }
    }

    /// One counter, fixed service time: each normal ticket's wait with priority ordering exceeds
    /// its first-come-first-served wait by at most one service per priority ticket issued within
    /// the cap after it.
    @Test func theExtraWaitOfANormalTicketIsBoundedByThePriorityTicketsIssuedWithinTheCapAfterIt() {
        var rng = LCG(state: 15)
        let service = 300
        for _ in 0..<100 {
            var time = 0
            let arrivals = (0..<40).map { id -> T in
                time += rng.next(400)
                return T(id: id, group: "A", priority: rng.next(5) == 0 ? .infant : nil, queuedSince: time)
            }
            let withPriority = Self.calls(arrivals, policy: policy, service: service)
            let fifo = Self.calls(arrivals, policy: QueuePolicy(priorityWeight: 1, priorityCreditCap: 0), service: service)
            for ticket in arrivals where ticket.priority == nil {
                let overtakers = arrivals.filter {
                    $0.priority != nil && $0.queuedSince >= ticket.queuedSince && $0.queuedSince - ticket.queuedSince < policy.priorityCreditCap
                }
                #expect(withPriority[ticket.id]! - fifo[ticket.id]! <= service * overtakers.count)
            }
        }
    }

    /// Call times of a single counter that serves `service` seconds per ticket.
    static func calls(_ arrivals: [T], policy: QueuePolicy, service: Int) -> [Int: Int] {
        var waiting: [T] = []
        var pending = arrivals.sorted { $0.queuedSince < $1.queuedSince }
        var now = 0
        var called: [Int: Int] = [:]
        while !pending.isEmpty || !waiting.isEmpty {
            if waiting.isEmpty { now = max(now, pending[0].queuedSince) }
            while let first = pending.first, first.queuedSince <= now { waiting.append(pending.removeFirst()) }
            let next = policy.next(among: waiting, groups: ["A"], now: now)!
            waiting.removeAll { $0.id == next.id }
            called[next.id] = now
            now += service
        }
        return called
    }
}

@Suite("Ticket life, waits and the expected wait")
struct TicketTests {
    @Test func ticketsMoveOnlyAlongTheirLife() throws {
        #expect(try IllegalTicketStep.check(.call, from: .waiting) == .called)
        #expect(try IllegalTicketStep.check(.transfer, from: .serving) == .waiting)
        #expect(throws: IllegalTicketStep.self) { try IllegalTicketStep.check(.complete, from: .completed) }
        let refused = IllegalTicketStep(status: .waiting, action: .complete)
        #expect(refused.allowed == [TicketAction.call, .cancel, .closeUnserved])
        #expect(TicketLabel(group: "B", number: 12).description == "B012" && TicketLabel(group: "A", number: 1234).description == "A1234")
    }

    @Test func theHistogramMergesAndGivesPercentilesAndShares() {
        var morning = WaitHistogram()
        for minutes in [1, 2, 3, 4, 20] { morning.add(seconds: minutes * 60 + 30) }
        var afternoon = WaitHistogram()
        for minutes in [5, 6, 7, 8, 300] { afternoon.add(seconds: minutes * 60) }
        var day = morning
        day.merge(afternoon)
        #expect(day.count == 10 && day.buckets.last == 1, "five hours lands in the open bucket")
        #expect(day.percentileMinutes(0.5) == 6, "half the waits are under 6 minutes")
        #expect(day.percentileMinutes(0.9) == 21)
        #expect(day.share(atLeastMinutes: 15) == 0.2)
        let morningSeconds = [1, 2, 3, 4, 20].map { $0 * 60 + 30 }.reduce(0, +)
        let afternoonSeconds = [5, 6, 7, 8, 300].map { $0 * 60 }.reduce(0, +)
        #expect(day.meanSeconds == Double(morningSeconds + afternoonSeconds) / 10)
        #expect(WaitHistogram().percentileMinutes(0.9) == nil)
    }

    @Test func theExpectedWaitSharesTheQueueAheadAmongOpenCounters() {
        #expect(ExpectedWait.seconds(ahead: 3, openCounters: 0, idleCounters: 0, meanServiceSeconds: 300) == nil)
        #expect(ExpectedWait.seconds(ahead: 0, openCounters: 2, idleCounters: 1, meanServiceSeconds: 300) == 0)
        #expect(ExpectedWait.seconds(ahead: 0, openCounters: 2, idleCounters: 0, meanServiceSeconds: 300) == 150)
        #expect(ExpectedWait.seconds(ahead: 5, openCounters: 2, idleCounters: 0, meanServiceSeconds: 300) == 750)
        #expect(ExpectedWait.seconds(ahead: 5, openCounters: 1, idleCounters: 0, meanServiceSeconds: nil) == 5 * 600 + 300)
    }
}

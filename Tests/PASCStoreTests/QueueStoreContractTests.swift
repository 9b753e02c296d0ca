import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// Tickets, call-next and the day's counts on SQLite and (when configured) PostgreSQL.
@Suite("Queue store contract")
struct QueueStoreContractTests {
    static let office = try! OfficeCode("000.03.11.H56")
    static let day = try! LocalDate(iso: "2026-09-15")
    /// 09:00 on the fixture day, in seconds since 1970.
    static let nine = Date(timeIntervalSince1970: 1_789_437_600)

    static func at(_ minutes: Int) -> Date { nine.addingTimeInterval(Double(minutes * 60)) }

    static func issue(
        _ store: SQLStore,
        group: String = "A",
        priority: PriorityCategory? = nil,
        minute: Int,
        day: LocalDate = day
    ) async throws
        -> StoredTicket
    {
        try await store.issueTicket(
            NewTicket(office: office, day: day, group: group, priority: priority, channel: .kiosk, issuedAt: at(minute), actor: "kiosk")
        )
    }

    @Test(arguments: TestDatabases.backends)
    func everyOfficeHasGroupsAndCountersAndTicketsNumberPerGroupAndDay(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            #expect(try await store.ensureDefaultQueueSetup() == 0, "the seed made them")
            let groups = try await store.serviceGroups(office: Self.office)
            #expect(groups.map(\.code) == ["A", "B", "C", "D"])
            #expect(groups[0].procedures.contains(try ProcedureCode("1.001193")), "birth registration is civil status")
            let counters = try await store.counters(office: Self.office)
            #expect(counters.count == Fixtures.demo.offices.first { $0.code == Self.office }!.counters && counters.allSatisfy { !$0.isOpen })
            #expect(Set(counters.flatMap(\.groups)) == ["A", "B", "C", "D"], "every group has a counter")

            let a1 = try await Self.issue(store, minute: 0)
            let a2 = try await Self.issue(store, minute: 1)
            let b1 = try await Self.issue(store, group: "B", minute: 2)
            let tomorrow = try await Self.issue(store, minute: 0, day: Self.day.adding(days: 1))
            #expect([a1, a2, b1, tomorrow].map(\.label.description) == ["A001", "A002", "B001", "A001"])
            #expect(a1.status == .waiting && a1.queuedSince == Int(Self.nine.timeIntervalSince1970))

            // Open: once by one officer; another gets a conflict; an unknown counter is not found.
            _ = try await store.openCounter(office: Self.office, number: 1, officer: "officer.a", at: Self.at(3))
            await #expect(throws: StoreError.conflict(kind: "counter", code: "\(Self.office)/1")) {
                try await store.openCounter(office: Self.office, number: 1, officer: "officer.b", at: Self.at(3))
            }
            await #expect(throws: StoreError.notFound(kind: "counter", code: "\(Self.office)/99")) {
                try await store.openCounter(office: Self.office, number: 99, officer: "officer.a", at: Self.at(3))
            }
        }
    }

    /// Eight counters call at once over 400 tickets: each ticket is called exactly once.
    @Test(arguments: TestDatabases.backends)
    func concurrentCallsNeverShareATicket(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = try OfficeCode("000.00.12.H56")
            for minute in 0..<400 {
                _ = try await store.issueTicket(
                    NewTicket(
                        office: office,
                        day: Self.day,
                        group: ["A", "B", "C"][minute % 3],
                        priority: minute % 9 == 0 ? .elderly : nil,
                        channel: .kiosk,
                        issuedAt: Self.at(minute / 10),
                        actor: "kiosk"
                    )
                )
            }
            let called = try await withThrowingTaskGroup(of: [Int].self) { group in
                for counter in 1...8 {
                    group.addTask {
                        var mine: [Int] = []
                        while let ticket = try await store.callNext(
                            office: office,
                            day: Self.day,
                            counter: counter,
                            groups: ["A", "B", "C"],
                            policy: .standard,
                            actor: "c\(counter)",
                            at: Self.at(60)
                        ) {
                            #expect(ticket.status == .called && ticket.counter == counter)
                            mine.append(ticket.id)
                        }
                        return mine
                    }
                }
                var all: [Int] = []
                for try await ids in group { all += ids }
                return all
            }
            #expect(called.count == 400 && Set(called).count == 400)
            let counts = try await store.queueDayCounts(office: office, from: Self.day, through: Self.day)
            #expect(counts.map(\.called).reduce(0, +) == 400 && counts.map(\.tickets).reduce(0, +) == 400)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func callNextFollowsThePolicyAndStepsMoveOnlyFromTheStatusRead(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let n1 = try await Self.issue(store, minute: 0)
            let n2 = try await Self.issue(store, minute: 2)
            let n3 = try await Self.issue(store, minute: 5)
            let p = try await Self.issue(store, priority: .pregnant, minute: 6)
            func call(_ minute: Int) async throws -> StoredTicket? {
                try await store.callNext(
                    office: Self.office,
                    day: Self.day,
                    counter: 1,
                    groups: ["A"],
                    policy: .standard,
                    actor: "officer.a",
                    at: Self.at(minute)
                )
            }
            // At minute 10 the priority ticket (4 minutes waited, counting 8) is ahead of n3 only.
            let local = QueuePolicy.standard.order([n1, n2, n3, p], now: Int(Self.at(10).timeIntervalSince1970)).map(\.id)
            #expect(local == [n1.id, n2.id, p.id, n3.id])
            #expect(try await call(10)?.id == n1.id)
            #expect(try await call(10)?.id == n2.id)
            #expect(try await call(10)?.id == p.id)
            // A step from a status the ticket has left is refused; an illegal one too.
            let started = try await store.applyTicketStep(
                TicketStep(ticket: n1.id, action: .start, expected: .called, at: Self.at(11), actor: "officer.a")
            )
            #expect(started.status == .serving && started.startedEpoch == Int(Self.at(11).timeIntervalSince1970))
            await #expect(throws: StoreError.changedMeanwhile(kind: "ticket", code: String(n1.id))) {
                try await store.applyTicketStep(TicketStep(ticket: n1.id, action: .start, expected: .called, at: Self.at(11), actor: "x"))
            }
            await #expect(throws: IllegalTicketStep.self) {
                try await store.applyTicketStep(TicketStep(ticket: n1.id, action: .complete, expected: .completed, at: Self.at(12), actor: "x"))
            }
            // A transfer keeps the ticket's place: in group B it goes ahead of B's later tickets.
            let b = try await Self.issue(store, group: "B", minute: 8)
            var transfer = TicketStep(ticket: n2.id, action: .transfer, expected: .called, at: Self.at(12), actor: "officer.a")
            transfer.group = "B"
            let moved = try await store.applyTicketStep(transfer)
            #expect(moved.status == .waiting && moved.group == "B" && moved.queuedSince == n2.queuedSince)
            #expect(moved.label.description == "A002", "the number printed on the ticket stays")
            let next = try await store.callNext(
                office: Self.office,
                day: Self.day,
                counter: 2,
                groups: ["B"],
                policy: .standard,
                actor: "officer.b",
                at: Self.at(13)
            )
            #expect(next?.id == n2.id && next?.id != b.id)
            #expect(try await store.ticketEvents(id: n2.id).map(\.action) == [.issue, .call, .transfer, .call])

            // A transfer to counter 3 keeps the place for that counter only: counter 2 (also serving B)
            // passes it by, counter 3 calls it before B's later tickets.
            var toCounter = TicketStep(ticket: n2.id, action: .transfer, expected: .called, at: Self.at(14), actor: "officer.b")
            toCounter.targetCounter = 3
            #expect(try await store.applyTicketStep(toCounter).forCounter == 3)
            let b2 = try await Self.issue(store, group: "B", minute: 15)
            func call(_ counter: Int, _ minute: Int) async throws -> StoredTicket? {
                try await store.callNext(
                    office: Self.office,
                    day: Self.day,
                    counter: counter,
                    groups: ["B"],
                    policy: .standard,
                    actor: "o\(counter)",
                    at: Self.at(minute)
                )
            }
            #expect(try await call(2, 16)?.id == b.id, "not the ticket sent to counter 3")
            let atThree = try await call(3, 16)
            #expect(atThree?.id == n2.id && atThree?.counter == 3 && atThree?.forCounter == nil)
            #expect(try await call(3, 17)?.id == b2.id)
            #expect(try await store.ticketEvents(id: n2.id).last(where: { $0.action == .transfer })?.details["counter"] == "3")
        }
    }

    /// A fixture day of ticket events, and the counts a person computes from it by hand.
    @Test(arguments: TestDatabases.backends)
    func theDaysCountsEqualWhatIsComputedByHand(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            // (issued, called, counter, started, completed) in minutes after 09:00; nil = never.
            let day: [(issue: Int, call: Int?, counter: Int, start: Int?, end: Int?, noShow: Bool)] = [
                (0, 4, 1, 5, 20, false),  // wait 4, walk 1, service 15
                (1, 20, 1, 21, 55, false),  // wait 19 (over 15), walk 1, service 34 (over 30)
                (2, 30, 2, nil, nil, true),  // wait 28, no-show at 33
                (3, 55, 2, 57, 60, false),  // wait 52, walk 2, service 3
                (10, nil, 1, nil, nil, false),  // never called: not served at closing
            ]
            // Counter 1 opens at 2 and closes at 58; counter 2 opens at 25 and closes at 70.
            _ = try await store.openCounter(office: Self.office, number: 1, officer: "o1", at: Self.at(2))
            _ = try await store.openCounter(office: Self.office, number: 2, officer: "o2", at: Self.at(25))
            var ids: [Int] = []
            for row in day { ids.append(try await Self.issue(store, minute: row.issue).id) }
            var steps: [(minute: Int, step: TicketStep)] = []
            for (row, id) in zip(day, ids) {
                guard let call = row.call else { continue }
                steps.append((call, TicketStep(ticket: id, action: .call, expected: .waiting, at: Self.at(call), actor: "o", counter: row.counter)))
                if row.noShow {
                    steps.append((call + 3, TicketStep(ticket: id, action: .noShow, expected: .called, at: Self.at(call + 3), actor: "o")))
                }
                if let start = row.start, let end = row.end {
                    steps.append((start, TicketStep(ticket: id, action: .start, expected: .called, at: Self.at(start), actor: "o")))
                    steps.append((end, TicketStep(ticket: id, action: .complete, expected: .serving, at: Self.at(end), actor: "o")))
                }
            }
            // In the order of the day (a completion before the call at the same minute).
            for (_, step) in steps.enumerated().sorted(by: {
                ($0.element.minute, $0.element.step.action == .call ? 1 : 0, $0.offset) < (
                    $1.element.minute, $1.element.step.action == .call ? 1 : 0, $1.offset
                )
            }).map(\.element) {
                _ = try await store.applyTicketStep(step)
            }
            _ = try await store.closeCounter(office: Self.office, number: 1, officer: "o1", at: Self.at(58))
            _ = try await store.closeCounter(office: Self.office, number: 2, officer: "o2", at: Self.at(70))
            _ = try await store.applyTicketStep(
                TicketStep(ticket: ids[4], action: .closeUnserved, expected: .waiting, at: Self.at(480), actor: "system")
            )
            let counts = try #require(try await store.queueDayCounts(office: Self.office, from: Self.day, through: Self.day).first)
            #expect(counts.tickets == 5 && counts.called == 4 && counts.noShows == 1 && counts.notServed == 1)
            #expect(counts.waitSeconds == (4 + 19 + 28 + 52) * 60 && counts.waitsOver15 == 3)
            #expect(counts.services == 3 && counts.serviceSeconds == (15 + 34 + 3) * 60 && counts.servicesOver30 == 1)
            #expect(counts.meanWaitSeconds == Double(103 * 60) / 4 && counts.shareWaitsOver15 == 0.75)
            #expect(counts.histogram.count == 4 && counts.histogram.percentileMinutes(0.5) == 20 && counts.histogram.buckets[52] == 1)
            #expect(counts.walks == 3 && counts.walkSeconds == (1 + 1 + 2) * 60)
            // Idle: counter 1 from 2 to 4 and from 55 to 58; counter 2 from 25 to 30, 33 to 55 and 60 to 70.
            let counters = try await store.counterDayCounts(office: Self.office, from: Self.day, through: Self.day)
            #expect(
                counters == [
                    CounterDayCount(office: Self.office, counter: 1, day: Self.day, calls: 2, idleSeconds: (2 + 3) * 60),
                    CounterDayCount(office: Self.office, counter: 2, day: Self.day, calls: 2, idleSeconds: (5 + 22 + 10) * 60),
                ]
            )
        }
    }

    /// A counter is idle only while open with nobody at it, and only inside the office's sessions.
    @Test(arguments: TestDatabases.backends)
    func counterIdleTimeCountsOpenHoursWithNobodyAtTheCounter(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            func second(_ minute: Int) -> Int { Int(Self.at(minute).timeIntervalSince1970) }
            // 07:00-11:30 and 13:30-17:00, in minutes after 09:00.
            let sessions = [second(-120)...second(150), second(270)...second(480)]
            func call(_ counter: Int, _ minute: Int) async throws -> StoredTicket? {
                try await store.callNext(
                    office: Self.office,
                    day: Self.day,
                    counter: counter,
                    groups: ["A", "B", "C", "D"],
                    policy: .standard,
                    actor: "o\(counter)",
                    at: Self.at(minute),
                    openSessions: sessions,
                    openBy: nil
                )
            }
            func step(_ ticket: StoredTicket, _ action: TicketAction, _ from: TicketStatus, _ minute: Int) async throws -> StoredTicket {
                try await store.applyTicketStep(TicketStep(ticket: ticket.id, action: action, expected: from, at: Self.at(minute), actor: "o"))
            }
            _ = try await store.openCounter(office: Self.office, number: 1, officer: "o1", at: Self.at(-120))
            let t1 = try await Self.issue(store, minute: -115)
            let t2 = try await Self.issue(store, minute: -114)
            let t3 = try await Self.issue(store, minute: -113)
            #expect(try await call(1, -110)?.id == t1.id, "idle 07:00-07:10")
            _ = try await step(t1, .start, .called, -109)
            #expect(try await call(1, -100)?.id == t2.id, "called while t1 is served: not idle")
            _ = try await step(t1, .complete, .serving, -95)  // t2 is still at the counter: not free
            _ = try await step(t2, .noShow, .called, -90)  // free from 07:30
            #expect(try await call(1, 280)?.id == t3.id, "idle 07:30-11:30 and 13:30-13:40, not over lunch")
            // Sent to counter 2, which then closes: t3 goes back to the queue and counter 1 calls it again.
            _ = try await store.openCounter(office: Self.office, number: 2, officer: "o2", at: Self.at(240))
            var transfer = TicketStep(ticket: t3.id, action: .transfer, expected: .called, at: Self.at(285), actor: "o1")
            transfer.targetCounter = 2
            _ = try await store.applyTicketStep(transfer)  // counter 1 free from 13:45
            _ = try await store.closeCounter(office: Self.office, number: 2, officer: "o2", at: Self.at(290), openSessions: sessions)
            #expect(try await store.ticket(id: t3.id)?.forCounter == nil)
            #expect(try await call(1, 295)?.id == t3.id, "idle 13:45-13:55")
            let counters = try await store.counterDayCounts(office: Self.office, from: Self.day, through: Self.day)
            #expect(
                counters == [
                    CounterDayCount(office: Self.office, counter: 1, day: Self.day, calls: 4, idleSeconds: (10 + 240 + 10 + 10) * 60),
                    CounterDayCount(office: Self.office, counter: 2, day: Self.day, calls: 0, idleSeconds: 20 * 60),
                ]
            )
        }
    }

    /// The per-person limit of online tickets holds under concurrent requests, and a cancellation frees a place.
    @Test(arguments: TestDatabases.backends)
    func thePerPersonLimitHoldsUnderConcurrentRequests(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            func online(_ minute: Int, day: LocalDate = Self.day) -> NewTicket {
                var new = NewTicket(
                    office: Self.office,
                    day: day,
                    group: "A",
                    priority: nil,
                    channel: .online,
                    issuedAt: Self.at(minute),
                    actor: "online",
                    contactHash: "digest-of-one-person"
                )
                new.contactLimit = 2
                return new
            }
            let outcomes = await withTaskGroup(of: Result<StoredTicket, any Error>.self) { group in
                for minute in 0..<6 {
                    group.addTask {
                        do { return .success(try await store.issueTicket(online(minute))) } catch { return .failure(error) }
                    }
                }
                var all: [Result<StoredTicket, any Error>] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let issued = outcomes.compactMap { try? $0.get() }
            #expect(issued.count == 2)
            #expect(outcomes.filter { if case .failure(let error) = $0 { error is ContactLimitReached } else { false } }.count == 4)
            _ = try await store.applyTicketStep(
                TicketStep(ticket: issued[0].id, action: .cancel, expected: .waiting, at: Self.at(7), actor: "online")
            )
            #expect(try await store.issueTicket(online(8)).status == .waiting, "the cancelled ticket's place is free again")
            await #expect(throws: ContactLimitReached(limit: 2)) { try await store.issueTicket(online(9)) }
            #expect(try await store.issueTicket(online(10, day: Self.day.adding(days: 1))).status == .waiting, "the limit is per day")
        }
    }
}

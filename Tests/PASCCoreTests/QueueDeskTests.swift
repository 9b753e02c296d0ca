import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// The closing sweep and opening hours of the queue, over a real SQLite store.
@Suite("Queue desk: closing the day")
struct QueueDeskTests {
    static let office = try! OfficeCode("000.03.11.H56")

    @Test func afterClosingWaitingTicketsAreNotServedAndAForgottenServiceEndsAtClosing() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let clock = ManualClock()
            clock.set("2026-09-15T08:00:00+07:00")
            let desk = QueueDesk(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock, digest: { "d-\($0)" })
            for _ in 0..<3 { _ = try await desk.issue(office: Self.office, group: "A", priority: nil, channel: .kiosk, contact: nil, actor: "kiosk") }
            _ = try await store.openCounter(office: Self.office, number: 1, officer: "o", at: clock.now())
            let served = try #require(try await desk.callNext(office: Self.office, counter: 1, by: "o"))
            _ = try await desk.step(.start, ticket: served.id, office: Self.office, by: "o")
            _ = try await desk.callNext(office: Self.office, counter: 1, by: "o")

            clock.set("2026-09-15T16:59:00+07:00")
            #expect(try await desk.closeFinishedDays() == 0, "still open")
            clock.set("2026-09-15T17:05:00+07:00")
            #expect(try await desk.closeFinishedDays() == 2, "the called and the waiting ticket")
            #expect(try await store.ticket(id: served.id)?.status == .serving, "its officer may still end it today")
            clock.set("2026-09-16T07:30:00+07:00")
            #expect(try await desk.closeFinishedDays() == 1)
            let ended = try #require(try await store.ticket(id: served.id))
            #expect(
                ended.status == .completed && ended.endedEpoch == Int(VietnamTime.parseInstant("2026-09-15T17:00:00+07:00")!.timeIntervalSince1970)
            )
            let day = try #require(try await store.queueDayCounts(office: Self.office, from: ended.day, through: ended.day).first)
            #expect(day.notServed == 2 && day.services == 1 && day.serviceSeconds == 9 * 3600)
            #expect(try await desk.closeFinishedDays() == 0)
        }
    }

    @Test func ticketsFollowTheOfficesHoursAndTheCalendar() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let clock = ManualClock()
            let desk = QueueDesk(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock, digest: { "d-\($0)" })
            func issue() async throws -> QueueDesk.Issued {
                try await desk.issue(office: Self.office, group: "A", priority: nil, channel: .kiosk, contact: nil, actor: "kiosk")
            }
            // The lunch break, then National Day (2/9) and its bridge: the next opening is named.
            clock.set("2026-09-15T12:00:00+07:00")
            await #expect(throws: QueueDesk.Closed(nextOpening: LocalDateTime(iso: "2026-09-15T13:30"))) { try await issue() }
            clock.set("2026-09-02T09:00:00+07:00")
            await #expect(throws: QueueDesk.Closed.self) { try await issue() }
            clock.set("2026-09-15T13:30:00+07:00")
            #expect(try await issue().ticket.label.description == "A001")
        }
    }
}

import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// Bookings for a later day, over a real SQLite store: slots and their capacity, the per-person
/// limit, the arrival window, the place a checked-in booking takes, cancelling and lapsing.
@Suite("Queue desk: bookings")
struct QueueBookingTests {
    static let office = try! OfficeCode("000.03.11.H56")
    static let wednesday = try! LocalDate(iso: "2026-09-16")

    static func slot(_ text: String) -> LocalDateTime { LocalDateTime(iso: "2026-09-16T\(text)")! }
    static func epoch(_ text: String) -> Int { Int(VietnamTime.parseInstant("2026-09-16T\(text):00+07:00")!.timeIntervalSince1970) }

    @Test func slotsAreBookedUpToTheCountersAndCheckInTakesTheSlotsPlace() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let clock = ManualClock()
            clock.set("2026-09-15T10:00:00+07:00")
            let desk = QueueDesk(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock, digest: { "d-\($0)" })
            func book(_ time: String, _ contact: String, on date: LocalDate = Self.wednesday) async throws -> StoredTicket {
                try await desk.book(
                    office: Self.office,
                    group: "a",
                    slot: LocalDateTime(date: date, time: try TimeOfDay(parsing: time)),
                    priority: nil,
                    contact: contact,
                    actor: "online"
                )
            }

            // The day's slots follow the office's sessions: none in the lunch break.
            let office = try #require(try await store.office(Self.office))
            let sessions = try #require(office.openingHours.sessions[.wed])
            let slots = try await desk.slots(office: Self.office, group: "A", on: Self.wednesday)
            #expect(slots.first?.start.time == sessions.first?.opens)
            #expect(slots.allSatisfy { slot in sessions.contains { $0.opens <= slot.start.time && slot.end.time <= $0.closes } })
            #expect(slots.count == sessions.map { ($0.closes.minutes - $0.opens.minutes) / 30 }.reduce(0, +))
            let capacity = try await store.counters(office: Self.office).filter { $0.groups.contains("A") }.count
            #expect(capacity >= 1 && slots.allSatisfy { $0.capacity == capacity && $0.free == capacity })

            // Refused: today, beyond the horizon, off the grid, a Sunday.
            await #expect(throws: QueueDesk.BookingRefused.self) { try await book("14:00", "0900000001", on: Self.wednesday.adding(days: -1)) }
            do {
                _ = try await book("09:00", "0900000001", on: Self.wednesday.adding(days: 20))
                Issue.record("booked beyond the horizon")
            } catch let error as QueueDesk.BookingRefused {
                #expect(error.refusal == .tooFarAhead(lastDay: Self.wednesday.adding(days: 13)))
            }
            do {
                _ = try await book("09:10", "0900000001")
                Issue.record("booked off the grid")
            } catch let error as QueueDesk.BookingRefused {
                #expect(error.refusal == .noSuchSlot(available: slots.map(\.start)))
            }

            // The 09:00 slot takes `capacity` bookings, then is full; a cancellation gives a place back.
            var booked: [StoredTicket] = []
            for index in 0..<capacity { booked.append(try await book("09:00", "09100000\(10 + index)")) }
            #expect(booked.allSatisfy { $0.status == .booked && $0.day == Self.wednesday && $0.slotEpoch == Self.epoch("09:00") })
            await #expect(throws: SlotFull.self) { try await book("09:00", "0900000002") }
            #expect(try await desk.slots(office: Self.office, group: "A", on: Self.wednesday).first { $0.start == Self.slot("09:00") }?.free == 0)
            await #expect(throws: StoreError.notFound(kind: "booking", code: String(booked[0].id))) {
                try await desk.cancelBooking(ticket: booked[0].id, office: Self.office, contact: "wrong")
            }
            #expect(try await desk.cancelBooking(ticket: booked[0].id, office: Self.office, contact: "0910000010").status == .cancelled)
            let mine = try await book("09:00", "0900000003")

            // Two bookings per person and day; a third is refused on the contact.
            let lapsing = try await book("09:30", "0900000003")
            await #expect(throws: ValidationErrors.self) { try await book("10:00", "0900000003") }

            // Wednesday: too early at 08:20 (the window opens 30 minutes before the slot).
            clock.set("2026-09-16T08:20:00+07:00")
            await #expect(throws: QueueDesk.OutsideArrivalWindow(early: true, boundary: Self.slot("08:30"))) {
                try await desk.checkIn(ticket: mine.id, office: Self.office, contact: "0900000003")
            }
            clock.set("2026-09-16T08:40:00+07:00")
            let early = try await desk.issue(office: Self.office, group: "A", priority: nil, channel: .kiosk, contact: nil, actor: "kiosk")
            clock.set("2026-09-16T08:45:00+07:00")
            let checkedIn = try await desk.checkIn(ticket: mine.id, office: Self.office, contact: "0900000003")
            #expect(checkedIn.ticket.status == .waiting && checkedIn.ticket.queuedSince == Self.epoch("09:00"))
            clock.set("2026-09-16T09:05:00+07:00")
            let late = try await desk.issue(office: Self.office, group: "A", priority: nil, channel: .kiosk, contact: nil, actor: "kiosk")

            // Called as of the slot: after the walk-in who came before 09:00, before the one after it.
            let counter = try #require(try await store.counters(office: Self.office).first { $0.groups == ["A"] || $0.groups.contains("A") })
            _ = try await store.openCounter(office: Self.office, number: counter.number, officer: "o", at: clock.now())
            var order: [Int] = []
            for _ in 0..<3 {
                let called = try #require(try await desk.callNext(office: Self.office, counter: counter.number, by: "o"))
                order.append(called.id)
                _ = try await desk.step(.noShow, ticket: called.id, office: Self.office, by: "o")
            }
            #expect(order == [early.ticket.id, mine.id, late.ticket.id])

            // Past the grace: a check-in is refused and the booking lapses; the sweep lapses the rest.
            clock.set("2026-09-16T09:41:00+07:00")
            await #expect(throws: QueueDesk.OutsideArrivalWindow(early: false, boundary: Self.slot("09:40"))) {
                try await desk.checkIn(ticket: lapsing.id, office: Self.office, contact: "0900000003")
            }
            #expect(try await desk.closeFinishedDays() == capacity - 1, "the other 09:00 bookings")
            #expect(try await store.ticket(id: lapsing.id)?.status == .lapsed)
            #expect(try await desk.closeFinishedDays() == 0)
            let counts = try #require(try await store.queueDayCounts(office: Self.office, from: Self.wednesday, through: Self.wednesday).first)
            #expect(counts.bookings == capacity + 2 && counts.lapsed == capacity && counts.tickets == 3)
        }
    }
}

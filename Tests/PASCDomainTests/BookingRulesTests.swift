import PASCDomain
import Testing

@Suite("Booking rules")
struct BookingRulesTests {
    static let rules = BookingRules.standard
    static let hours = try! OpeningHours(parsing: "mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30")
    static let calendar = WorkingCalendar()
    static let tuesday = try! LocalDate(iso: "2026-09-15")

    @Test func slotsCoverTheSessionsInWholeSlotsAndSkipTheLunchBreakAndHolidays() throws {
        let slots = Self.rules.slots(of: Self.hours, on: Self.tuesday, calendar: Self.calendar)
        #expect(slots.count == 9 + 7, "07:00-11:30 holds nine slots, 13:30-17:00 seven")
        #expect(slots.first == LocalDateTime(iso: "2026-09-15T07:00") && slots[8] == LocalDateTime(iso: "2026-09-15T11:00"))
        #expect(slots[9] == LocalDateTime(iso: "2026-09-15T13:30") && slots.last == LocalDateTime(iso: "2026-09-15T16:30"))
        #expect(Self.rules.slots(of: Self.hours, on: try LocalDate(iso: "2026-09-02"), calendar: Self.calendar).isEmpty, "National Day")
        #expect(Self.rules.slots(of: Self.hours, on: try LocalDate(iso: "2026-09-20"), calendar: Self.calendar).isEmpty, "a Sunday")
        #expect(Self.rules.slots(of: Self.hours, on: try LocalDate(iso: "2026-09-19"), calendar: Self.calendar).count == 8, "Saturday morning")
    }

    @Test func aSlotIsBookableOnALaterDayWithinTheHorizonAndOnTheGrid() throws {
        func check(_ slot: String) throws(BookingRules.Refusal) {
            try Self.rules.check(slot: LocalDateTime(iso: slot)!, today: Self.tuesday, hours: Self.hours, calendar: Self.calendar)
        }
        try check("2026-09-16T07:00")
        try check("2026-09-29T16:30")
        #expect(throws: BookingRules.Refusal.notLaterDay) { try check("2026-09-15T16:30") }
        #expect(throws: BookingRules.Refusal.tooFarAhead(lastDay: try LocalDate(iso: "2026-09-29"))) { try check("2026-09-30T07:00") }
        #expect(throws: BookingRules.Refusal.self) { try check("2026-09-16T12:00") }
        #expect(throws: BookingRules.Refusal.noSuchSlot(available: [])) { try check("2026-09-20T09:00") }
    }

    @Test func theArrivalWindowRunsFromThirtyMinutesBeforeToTenAfterAndQueuesAsOfTheSlot() {
        let slot = 1_000_000
        #expect(Self.rules.arrival(slotStart: slot, now: slot - 1801) == .early(from: slot - 1800))
        #expect(Self.rules.arrival(slotStart: slot, now: slot - 1800) == .inWindow(queuedSince: slot))
        #expect(Self.rules.arrival(slotStart: slot, now: slot + 600) == .inWindow(queuedSince: slot))
        #expect(Self.rules.arrival(slotStart: slot, now: slot + 601) == .late(closedAt: slot + 600))
        #expect(Self.rules.lapsesAfter(slotStart: slot) == slot + 600)
    }

    @Test func theCountsOfABookingAndAWalk() {
        #expect(QueueCountDelta.of(.book, firstCall: false, waitSeconds: nil, serviceSeconds: nil).bookings == 1)
        #expect(QueueCountDelta.of(.book, firstCall: false, waitSeconds: nil, serviceSeconds: nil).tickets == 0, "counted when it joins the queue")
        #expect(QueueCountDelta.of(.checkIn, firstCall: false, waitSeconds: nil, serviceSeconds: nil).tickets == 1)
        #expect(QueueCountDelta.of(.lapse, firstCall: false, waitSeconds: nil, serviceSeconds: nil).lapsed == 1)
        let walk = QueueCountDelta.of(.start, firstCall: false, waitSeconds: nil, serviceSeconds: nil, walkSeconds: 95)
        #expect(walk.walks == 1 && walk.walkSeconds == 95)
        #expect(TicketAction.checkIn.transition.from == [.booked] && TicketAction.lapse.transition.to == .lapsed)
        #expect(throws: IllegalTicketStep.self) { try IllegalTicketStep.check(.call, from: .booked) }
    }
}

@Suite("Expected wait across the lunch break")
struct ExpectedWaitBreaksTests {
    static let sessions = [(7 * 3600, 11 * 3600 + 1800), (13 * 3600 + 1800, 17 * 3600)]

    @Test func aWaitThatReachesTheBreakResumesWhenTheAfternoonOpens() {
        let eleven = 11 * 3600
        #expect(ExpectedWait.acrossBreaks(600, from: eleven, sessions: Self.sessions) == 600, "served before the break")
        #expect(ExpectedWait.acrossBreaks(1800, from: eleven, sessions: Self.sessions) == 1800, "exactly at the break")
        // 40 minutes of queue at 11:00: 30 before the break, 10 after 13:30 — called at 13:40.
        #expect(ExpectedWait.acrossBreaks(2400, from: eleven, sessions: Self.sessions) == (2 * 3600 + 40 * 60))
        // Issued in the break (an office that hands out tickets then): the wait starts at 13:30.
        #expect(ExpectedWait.acrossBreaks(600, from: 12 * 3600, sessions: Self.sessions) == 5400 + 600)
        // Past the day's end: counted on as if the office stayed open.
        #expect(ExpectedWait.acrossBreaks(3600, from: 16 * 3600 + 1800, sessions: Self.sessions) == 3600)
        #expect(ExpectedWait.acrossBreaks(0, from: eleven, sessions: []) == 0)
    }
}

@Suite("Counter idle time")
struct CounterIdleTests {
    @Test func idleTimeCountsOnlyInsideTheSessions() {
        let sessions = [100...200, 300...400]
        #expect(CounterDayCount.idleSeconds(from: 150, to: 180, within: sessions) == 30)
        #expect(CounterDayCount.idleSeconds(from: 150, to: 350, within: sessions) == 50 + 50, "not the break")
        #expect(CounterDayCount.idleSeconds(from: 0, to: 1000, within: sessions) == 200, "not the night")
        #expect(CounterDayCount.idleSeconds(from: 210, to: 290, within: sessions) == 0)
        #expect(CounterDayCount.idleSeconds(from: 150, to: 120, within: sessions) == 0)
        #expect(CounterDayCount.idleSeconds(from: 150, to: 350, within: nil) == 200)
    }
}

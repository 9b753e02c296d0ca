/// Appointments on a later day: the office's opening sessions cut into slots, a slot's share of
/// the counters, and the window in which the holder must arrive.
///
/// A booked ticket waits outside the queue until its holder checks in at the kiosk. Checking in
/// is accepted from `arriveEarlyMinutes` before the slot to `graceMinutes` after it; the ticket
/// then queues **as of the slot's start**, whether the holder came early or a few minutes late:
/// the appointment keeps the place it promised, and a holder who comes early is not served
/// before those who queued before the slot unless the counters are free. Past the grace the
/// booking lapses (the closing sweep marks it) and the slot's place is not kept.
public struct BookingRules: Hashable, Sendable {
    public let slotMinutes: Int
    public let arriveEarlyMinutes: Int
    public let graceMinutes: Int
    /// How far ahead one may book, in calendar days.
    public let daysAhead: Int

    public static let standard = BookingRules(slotMinutes: 30, arriveEarlyMinutes: 30, graceMinutes: 10, daysAhead: 14)

    public init(slotMinutes: Int, arriveEarlyMinutes: Int, graceMinutes: Int, daysAhead: Int) {
        precondition(slotMinutes > 0 && arriveEarlyMinutes >= 0 && graceMinutes >= 0 && daysAhead >= 1, "positive slots and windows")
        self.slotMinutes = slotMinutes
        self.arriveEarlyMinutes = arriveEarlyMinutes
        self.graceMinutes = graceMinutes
        self.daysAhead = daysAhead
    }

    /// The slots' starts on `date`: every whole slot inside each opening session.
    public func slots(of hours: OpeningHours, on date: LocalDate, calendar: WorkingCalendar) -> [LocalDateTime] {
        TicketHours.sessions(of: hours, on: date, calendar: calendar).flatMap { session in
            stride(from: session.opens.minutes, through: session.closes.minutes - slotMinutes, by: slotMinutes).map {
                LocalDateTime(date: date, minuteOfDay: $0)
            }
        }
    }

    /// Appointments per slot and group: one per counter serving the group, so that with services
    /// of 10 to 15 minutes at most half of a counter's time is promised ahead and walk-ins keep
    /// the rest. No counter configured for the group: nothing to book.
    public func capacity(counters: Int) -> Int { max(0, counters) }

    /// Why a slot cannot be booked.
    public enum Refusal: Error, Equatable, Sendable {
        /// Today or earlier: today's tickets are taken at once, not booked.
        case notLaterDay
        /// Beyond the booking horizon.
        case tooFarAhead(lastDay: LocalDate)
        /// Not the start of a slot on that day (closed, outside the sessions, or off the grid).
        case noSuchSlot(available: [LocalDateTime])
    }

    /// Checks that `slot` may be booked on `today`.
    public func check(slot: LocalDateTime, today: LocalDate, hours: OpeningHours, calendar: WorkingCalendar) throws(Refusal) {
        guard slot.date > today else { throw .notLaterDay }
        let last = today.adding(days: daysAhead)
        guard slot.date <= last else { throw .tooFarAhead(lastDay: last) }
        let slots = self.slots(of: hours, on: slot.date, calendar: calendar)
        guard slots.contains(slot) else { throw .noSuchSlot(available: slots) }
    }

    /// Where a check-in at `now` stands against a slot starting at `slotStart` (both in seconds
    /// of one epoch).
    public enum Arrival: Equatable, Sendable {
        /// Too early: check in again from `from`.
        case early(from: Int)
        /// In the window: the ticket queues as of `queuedSince` (the slot's start).
        case inWindow(queuedSince: Int)
        /// Too late: the window closed at `closedAt`; the booking lapses.
        case late(closedAt: Int)
    }

    public func arrival(slotStart: Int, now: Int) -> Arrival {
        let from = slotStart - arriveEarlyMinutes * 60
        let until = slotStart + graceMinutes * 60
        if now < from { return .early(from: from) }
        if now > until { return .late(closedAt: until) }
        return .inWindow(queuedSince: slotStart)
    }

    /// The moment after which an unclaimed booking lapses.
    public func lapsesAfter(slotStart: Int) -> Int { slotStart + graceMinutes * 60 }
}

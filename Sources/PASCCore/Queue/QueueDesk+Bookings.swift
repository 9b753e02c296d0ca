import Foundation
import PASCDomain

/// Appointments for a later day (``BookingRules``): the free slots, booking one, checking in at
/// the kiosk within the arrival window, cancelling, and the sweep that lapses missed bookings.
extension QueueDesk {
    /// A slot of a day for one group, with its free places.
    public struct Slot: Sendable, Equatable {
        public let start: LocalDateTime
        public let end: LocalDateTime
        public let capacity: Int
        public let booked: Int

        public var free: Int { max(0, capacity - booked) }
    }

    /// Refuses a booking: the slot is not bookable (names what is).
    public struct BookingRefused: Error, Sendable {
        public let refusal: BookingRules.Refusal
    }

    /// A check-in outside its window: too early (come back at `from`) or too late (lapsed).
    public struct OutsideArrivalWindow: Error, Sendable, Equatable {
        public let early: Bool
        /// When the window opens (too early) or closed (too late).
        public let boundary: LocalDateTime

        public init(early: Bool, boundary: LocalDateTime) {
            self.early = early
            self.boundary = boundary
        }
    }

    /// The slots of a bookable day (a later day within the horizon; ``BookingRefused`` otherwise).
    public func slots(office code: OfficeCode, group: String, on date: LocalDate) async throws -> [Slot] {
        let (office, groupCode) = try await officeAndGroup(code, group)
        let today = VietnamTime.localDate(clock.now())
        guard date > today else { throw BookingRefused(refusal: .notLaterDay) }
        guard date <= today.adding(days: bookingRules.daysAhead) else {
            throw BookingRefused(refusal: .tooFarAhead(lastDay: today.adding(days: bookingRules.daysAhead)))
        }
        let working = try await calendar.calendar()
        let starts = bookingRules.slots(of: office.openingHours, on: date, calendar: working)
        guard let first = starts.first, let last = starts.last else { return [] }
        let capacity = try await slotCapacity(office: code, group: groupCode)
        let booked = try await store.slotBookings(
            office: code,
            group: groupCode,
            from: Self.epoch(first),
            through: Self.epoch(last)
        )
        return starts.map { start in
            Slot(
                start: start,
                end: LocalDateTime(date: date, minuteOfDay: min(1439, start.minuteOfDay + bookingRules.slotMinutes)),
                capacity: capacity,
                booked: booked[Self.epoch(start)] ?? 0
            )
        }
    }

    /// Books `slot` for the group. The per-person limit of online tickets applies to the slot's day.
    public func book(
        office code: OfficeCode,
        group: String,
        slot: LocalDateTime,
        priority: PriorityCategory?,
        contact: String?,
        actor: String,
        address: String? = nil
    ) async throws -> StoredTicket {
        let (office, groupCode) = try await officeAndGroup(code, group)
        let now = clock.now()
        let working = try await calendar.calendar()
        do {
            try bookingRules.check(slot: slot, today: VietnamTime.localDate(now), hours: office.openingHours, calendar: working)
        } catch {
            throw BookingRefused(refusal: error)
        }
        let hash = try onlineContact(contact, office: code)
        if let throttle, let address { try await throttle.ticket(channel: .online, office: code, day: slot.date, address: address) }
        var new = NewTicket(
            office: code,
            day: slot.date,
            group: groupCode,
            priority: priority,
            channel: .online,
            issuedAt: now,
            actor: actor,
            contactHash: hash
        )
        new.slot = (Self.epoch(slot), try await slotCapacity(office: code, group: groupCode))
        return try await store(new)
    }

    /// The holder arrives: within the window the ticket joins the queue as of its slot's start; too
    /// early it stays booked; too late it lapses. `contact` must be the one it was booked with.
    public func checkIn(ticket id: Int, office code: OfficeCode, contact: String) async throws -> Issued {
        guard let ticket = try await store.ticket(id: id), ticket.office == code, ticket.contactHash == digest("\(code)|\(contact)"),
            let slot = ticket.slotEpoch
        else {
            // The same answer for a wrong code and a wrong contact: a booking is not confirmed to strangers.
            throw StoreError.notFound(kind: "booking", code: String(id))
        }
        _ = try IllegalTicketStep.check(.checkIn, from: ticket.status)
        let now = clock.now()
        switch bookingRules.arrival(slotStart: slot, now: Self.epoch(now)) {
        case .early(let from):
            throw OutsideArrivalWindow(early: true, boundary: VietnamTime.localDateTime(Date(timeIntervalSince1970: Double(from))))
        case .late(let closedAt):
            _ = try? await store.applyTicketStep(TicketStep(ticket: id, action: .lapse, expected: .booked, at: now, actor: "system"))
            throw OutsideArrivalWindow(early: false, boundary: VietnamTime.localDateTime(Date(timeIntervalSince1970: Double(closedAt))))
        case .inWindow(let queuedSince):
            var step = TicketStep(ticket: id, action: .checkIn, expected: .booked, at: now, actor: "kiosk")
            step.queuedSince = queuedSince
            let joined = try await store.applyTicketStep(step)
            let (ahead, expected) = try await estimate(for: joined)
            return Issued(ticket: joined, ahead: ahead, expectedWaitSeconds: expected)
        }
    }

    /// The holder cancels a booking (giving its place back), with the contact it was booked with.
    public func cancelBooking(ticket id: Int, office code: OfficeCode, contact: String) async throws -> StoredTicket {
        guard let ticket = try await store.ticket(id: id), ticket.office == code, ticket.contactHash == digest("\(code)|\(contact)"),
            ticket.slotEpoch != nil
        else { throw StoreError.notFound(kind: "booking", code: String(id)) }
        _ = try IllegalTicketStep.check(.cancel, from: ticket.status)
        return try await store.applyTicketStep(TicketStep(ticket: id, action: .cancel, expected: ticket.status, at: clock.now(), actor: "online"))
    }

    /// Lapses the bookings whose window closed with nobody checking in. Returns how many.
    func lapseMissedBookings(batch: Int) async throws -> Int {
        let now = clock.now()
        let before = Self.epoch(now) - bookingRules.graceMinutes * 60
        var lapsed = 0
        for ticket in try await store.bookingsNotCheckedIn(slotBefore: before, limit: batch) {
            do {
                _ = try await store.applyTicketStep(TicketStep(ticket: ticket.id, action: .lapse, expected: .booked, at: now, actor: "system"))
                lapsed += 1
            } catch StoreError.changedMeanwhile {
                continue
            }
        }
        return lapsed
    }

    /// Appointments per slot: ``BookingRules/capacity(counters:)`` of the counters serving the group.
    func slotCapacity(office: OfficeCode, group: String) async throws -> Int {
        bookingRules.capacity(counters: try await store.counters(office: office).filter { $0.groups.contains(group) }.count)
    }

    func officeAndGroup(_ code: OfficeCode, _ group: String) async throws -> (Office, String) {
        guard let office = try await store.office(code) else { throw StoreError.notFound(kind: "office", code: code.rawValue) }
        let groupCode = group.uppercased()
        guard try await store.serviceGroups(office: code).contains(where: { $0.code == groupCode }) else {
            throw StoreError.notFound(kind: "service group", code: "\(code)/\(group)")
        }
        return (office, groupCode)
    }

    static func epoch(_ moment: LocalDateTime) -> Int { Int(VietnamTime.instant(moment).timeIntervalSince1970) }
    static func epoch(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
}

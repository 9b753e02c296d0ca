import Foundation
import PASCDomain

/// Tickets from issue to the end of their service: the kiosk, online and officer issue, calling
/// the next ticket at a counter, and the steps of a service. The ordering is ``QueuePolicy``.
public struct QueueDesk: Sendable {
    public let store: any QueueStore & Store
    public let calendar: CalendarService
    public let clock: any Clock
    public let policy: QueuePolicy
    /// Digest of an online ticket's ID number or phone (the per-person limit keeps no personal data).
    public let digest: @Sendable (String) -> String
    /// Online tickets and bookings one person may take per office day.
    public let onlineLimitPerDay: Int
    /// Slots, arrival window and horizon of bookings for a later day.
    public let bookingRules: BookingRules
    /// Tickets per address, office and day (none: unlimited, as in the use case's own tests).
    public var throttle: Throttle?

    public init(
        store: any QueueStore & Store,
        calendar: CalendarService,
        clock: any Clock,
        policy: QueuePolicy = .standard,
        onlineLimitPerDay: Int = 2,
        bookingRules: BookingRules = .standard,
        digest: @escaping @Sendable (String) -> String
    ) {
        self.bookingRules = bookingRules
        self.store = store
        self.calendar = calendar
        self.clock = clock
        self.policy = policy
        self.onlineLimitPerDay = onlineLimitPerDay
        self.digest = digest
    }

    /// Tickets are handed out only while the office is open.
    public struct Closed: Error, Equatable, Sendable {
        public let nextOpening: LocalDateTime?

        public init(nextOpening: LocalDateTime?) { self.nextOpening = nextOpening }
    }

    /// The counter is not open, or open by another officer.
    public struct CounterNotOpen: Error, Equatable, Sendable {
        public let office: OfficeCode
        public let counter: Int
        public let openBy: String?

        public init(office: OfficeCode, counter: Int, openBy: String?) {
            self.office = office
            self.counter = counter
            self.openBy = openBy
        }
    }

    /// A ticket with where it stands: how many wait ahead of it and the wait to expect.
    public struct Issued: Sendable {
        public let ticket: StoredTicket
        public let ahead: Int
        public let expectedWaitSeconds: Int?
    }

    public func issue(
        office code: OfficeCode,
        group: String,
        priority: PriorityCategory?,
        channel: TicketChannel,
        contact: String?,
        actor: String,
        address: String? = nil
    ) async throws -> Issued {
        guard let office = try await store.office(code) else { throw StoreError.notFound(kind: "office", code: code.rawValue) }
        let groups = try await store.serviceGroups(office: code)
        guard groups.contains(where: { $0.code == group.uppercased() }) else {
            throw StoreError.notFound(kind: "service group", code: "\(code)/\(group)")
        }
        let now = clock.now()
        let local = VietnamTime.localDateTime(now)
        let working = try await calendar.calendar()
        guard TicketHours.isOpen(office.openingHours, at: local, calendar: working) else {
            throw Closed(nextOpening: TicketHours.nextOpening(office.openingHours, after: local, calendar: working))
        }
        var contactHash: String?
        if channel == .online { contactHash = try onlineContact(contact, office: code) }
        if let throttle, let address { try await throttle.ticket(channel: channel, office: code, day: local.date, address: address) }
        let ticket = try await store(
            NewTicket(
                office: code,
                day: local.date,
                group: group.uppercased(),
                priority: priority,
                channel: channel,
                issuedAt: now,
                actor: actor,
                contactHash: contactHash
            )
        )
        let (ahead, expected) = try await estimate(for: ticket)
        return Issued(ticket: ticket, ahead: ahead, expectedWaitSeconds: expected)
    }

    /// The digest an online ticket or a booking is kept under (the value itself is never stored).
    func onlineContact(_ contact: String?, office code: OfficeCode) throws -> String {
        guard let contact, !contact.isEmpty else {
            throw ValidationErrors([
                ValidationError(
                    field: "contact",
                    message: "Phiếu trực tuyến cần số CCCD hoặc số điện thoại (để giới hạn số phiếu mỗi người).",
                    messageEn: "An online ticket needs an ID number or phone (for the per-person limit)."
                )
            ])
        }
        return digest("\(code)|\(contact)")
    }

    /// Stores a ticket; one with a contact counts toward the person's limit in the same transaction.
    func store(_ ticket: NewTicket) async throws -> StoredTicket {
        var new = ticket
        if new.contactHash != nil { new.contactLimit = onlineLimitPerDay }
        do {
            return try await store.issueTicket(new)
        } catch let reached as ContactLimitReached {
            throw ValidationErrors([
                ValidationError(
                    field: "contact",
                    message: "Mỗi người lấy tối đa \(reached.limit) phiếu trực tuyến mỗi ngày tại một đơn vị.",
                    messageEn: "At most \(reached.limit) online tickets per person per day at one office."
                )
            ])
        }
    }

    /// How many are called before a ticket just issued, and the wait that makes. Issued last, it
    /// has no credit yet and every ticket waiting for the counters of its group is ahead of it.
    func estimate(for ticket: StoredTicket) async throws -> (ahead: Int, expected: Int?) {
        let counters = try await store.counters(office: ticket.office).filter { $0.isOpen && $0.groups.contains(ticket.group) }
        let servedGroups = Set(counters.flatMap(\.groups)).union([ticket.group])
        let waiting = try await store.waitingCounts(office: ticket.office, day: ticket.day)
        let ahead = max(0, servedGroups.map { waiting[$0] ?? 0 }.reduce(0, +) - 1)
        let busy = Set(try await store.ticketsAtCounters(office: ticket.office, day: ticket.day).compactMap(\.counter))
        let idle = counters.filter { !busy.contains($0.number) }.count
        let service = try await store.recentServiceSeconds(office: ticket.office, group: ticket.group, day: ticket.day, limit: 20)
        let wait = ExpectedWait.seconds(ahead: ahead, openCounters: counters.count, idleCounters: idle, meanServiceSeconds: service)
        return (ahead, try await acrossBreaks(wait, office: ticket.office))
    }

    /// Moves an expected wait past the office's breaks today (the lunch break stops the counters).
    func acrossBreaks(_ wait: Int?, office code: OfficeCode) async throws -> Int? {
        guard let wait, let office = try await store.office(code) else { return wait }
        let now = VietnamTime.localDateTime(clock.now())
        let sessions = TicketHours.sessions(of: office.openingHours, on: now.date, calendar: try await calendar.calendar())
        let second = now.minuteOfDay * 60 + Int(clock.now().timeIntervalSince1970.rounded(.down)) % 60
        return ExpectedWait.acrossBreaks(wait, from: second, sessions: sessions.map { ($0.opens.minutes * 60, $0.closes.minutes * 60) })
    }

    /// The next ticket for a counter the officer has open; nil when nobody waits for its groups.
    public func callNext(office: OfficeCode, counter number: Int, by officer: String) async throws -> StoredTicket? {
        let counter = try await openCounter(office: office, number: number, officer: officer)
        let now = clock.now()
        return try await store.callNext(
            office: office,
            day: VietnamTime.localDate(now),
            counter: counter.number,
            groups: counter.groups,
            policy: policy,
            actor: officer,
            at: now,
            openSessions: try await openSessions(office: office, on: VietnamTime.localDate(now)),
            openBy: officer
        )
    }

    /// Closes a counter (`officer` nil: whoever has it open), counting its idle time inside today's sessions.
    public func closeCounter(office: OfficeCode, number: Int, officer: String?) async throws -> Counter {
        let now = clock.now()
        return try await store.closeCounter(
            office: office,
            number: number,
            officer: officer,
            at: now,
            openSessions: try await openSessions(office: office, on: VietnamTime.localDate(now))
        )
    }

    /// The office's opening sessions on `date` as seconds since 1970: a counter's idle time counts only in them.
    func openSessions(office code: OfficeCode, on date: LocalDate) async throws -> [ClosedRange<Int>]? {
        guard let office = try await store.office(code) else { return nil }
        return TicketHours.sessions(of: office.openingHours, on: date, calendar: try await calendar.calendar()).map {
            Int(
                VietnamTime.instant(LocalDateTime(date: date, time: $0.opens)).timeIntervalSince1970
            )...Int(VietnamTime.instant(LocalDateTime(date: date, time: $0.closes)).timeIntervalSince1970)
        }
    }

    func openCounter(office: OfficeCode, number: Int, officer: String) async throws -> Counter {
        guard let counter = try await store.counters(office: office).first(where: { $0.number == number }) else {
            throw StoreError.notFound(kind: "counter", code: "\(office)/\(number)")
        }
        guard counter.officer == officer else { throw CounterNotOpen(office: office, counter: number, openBy: counter.officer) }
        return counter
    }

    /// A step of a called or served ticket by the officer at its counter (recall, start, transfer,
    /// complete, no-show), or a cancellation.
    public func step(
        _ action: TicketAction,
        ticket id: Int,
        office: OfficeCode,
        by officer: String,
        group: String? = nil,
        toCounter target: Int? = nil,
        dossiers: [String] = []
    ) async throws -> StoredTicket {
        guard let ticket = try await store.ticket(id: id), ticket.office == office else {
            throw StoreError.notFound(kind: "ticket", code: String(id))
        }
        _ = try IllegalTicketStep.check(action, from: ticket.status)
        if let counter = ticket.counter, [.called, .serving].contains(ticket.status) {
            _ = try await openCounter(office: office, number: counter, officer: officer)
        }
        if let group, !(try await store.serviceGroups(office: office)).contains(where: { $0.code == group.uppercased() }) {
            throw StoreError.notFound(kind: "service group", code: "\(office)/\(group)")
        }
        if let target {
            // A transfer to one counter: it must exist and serve the group the ticket will be in.
            let group = group?.uppercased() ?? ticket.group
            guard let counter = try await store.counters(office: office).first(where: { $0.number == target }) else {
                throw StoreError.notFound(kind: "counter", code: "\(office)/\(target)")
            }
            guard counter.isOpen else {
                throw ValidationErrors([
                    ValidationError(
                        field: "counter",
                        message: "Quầy \(target) đang đóng; chỉ chuyển phiếu đến quầy đang mở.",
                        messageEn: "Counter \(target) is closed; transfer only to an open counter."
                    )
                ])
            }
            guard counter.groups.contains(group) else {
                throw ValidationErrors([
                    ValidationError(
                        field: "counter",
                        message: "Quầy \(target) không phục vụ nhóm \(group) (quầy phục vụ: \(counter.groups.joined(separator: ", "))).",
                        messageEn: "Counter \(target) does not serve group \(group) (it serves: \(counter.groups.joined(separator: ", ")))."
                    )
                ])
            }
        }
        var step = TicketStep(ticket: id, action: action, expected: ticket.status, at: clock.now(), actor: officer, counter: ticket.counter)
        step.group = group?.uppercased()
        step.targetCounter = action == .transfer ? target : nil
        step.dossiers = dossiers
        if ticket.counter != nil, [.called, .serving].contains(ticket.status) { step.officer = officer }
        return try await store.applyTicketStep(step)
    }

    /// The closing sweep (run by the server every few minutes): once an office has closed for the
    /// day, its tickets still waiting or called are closed as not served and kept for the
    /// statistics; one still being served is left to its officer until the next day, then
    /// completed as of its day's closing time (a service nobody ended ends with the office's day).
    /// Returns how many it closed.
    public func closeFinishedDays(batch: Int = 500) async throws -> Int {
        let lapsed = try await lapseMissedBookings(batch: batch)
        let now = clock.now()
        let local = VietnamTime.localDateTime(now)
        let working = try await calendar.calendar()
        var offices: [OfficeCode: Office?] = [:]
        var closed = 0
        for ticket in try await store.unfinishedTickets(through: local.date, limit: batch) {
            if offices[ticket.office] == nil { offices[ticket.office] = .some(try await store.office(ticket.office)) }
            guard let office = offices[ticket.office] ?? nil else { continue }
            let closes = TicketHours.sessions(of: office.openingHours, on: ticket.day, calendar: working).last.map {
                VietnamTime.instant(LocalDateTime(date: ticket.day, time: $0.closes))
            }
            if ticket.day == local.date {
                guard let closes, now >= closes, ticket.status != .serving else { continue }
            }
            let action: TicketAction = ticket.status == .serving ? .complete : .closeUnserved
            // A service is ended at the day's closing (never before it started); the others now.
            let at = ticket.status == .serving ? max(closes ?? now, Date(timeIntervalSince1970: Double(ticket.startedEpoch ?? 0))) : now
            do {
                _ = try await store.applyTicketStep(TicketStep(ticket: ticket.id, action: action, expected: ticket.status, at: at, actor: "system"))
                closed += 1
            } catch StoreError.changedMeanwhile {
                continue
            }
        }
        return closed + lapsed
    }

    /// The live state of an office's queue, per group: waiting, expected wait of a new ticket,
    /// open counters, tickets being called or served.
    public struct GroupState: Sendable {
        public let group: ServiceGroup
        public let waiting: Int
        public let expectedWaitSeconds: Int?
        public let openCounters: [Int]
        public let serving: [StoredTicket]
    }

    public func state(office: OfficeCode) async throws -> [GroupState] {
        guard try await store.office(office) != nil else { throw StoreError.notFound(kind: "office", code: office.rawValue) }
        let today = VietnamTime.localDate(clock.now())
        let waitingCounts = try await store.waitingCounts(office: office, day: today)
        let atCounters = try await store.ticketsAtCounters(office: office, day: today)
        let busy = Set(atCounters.compactMap(\.counter))
        let counters = try await store.counters(office: office)
        var states: [GroupState] = []
        for group in try await store.serviceGroups(office: office) {
            let open = counters.filter { $0.isOpen && $0.groups.contains(group.code) }
            let waiting = waitingCounts[group.code] ?? 0
            let service = try await store.recentServiceSeconds(office: office, group: group.code, day: today, limit: 20)
            states.append(
                GroupState(
                    group: group,
                    waiting: waiting,
                    expectedWaitSeconds: try await acrossBreaks(
                        ExpectedWait.seconds(
                            ahead: waiting,
                            openCounters: open.count,
                            idleCounters: open.filter { !busy.contains($0.number) }.count,
                            meanServiceSeconds: service
                        ),
                        office: office
                    ),
                    openCounters: open.map(\.number),
                    serving: atCounters.filter { $0.group == group.code }
                )
            )
        }
        return states
    }
}

import Foundation
import PASCDomain

/// Service groups, counters and tickets. Every ticket step is one transaction that moves the
/// ticket only from the status it was read in, appends its event and adds to the day's counts.
public protocol QueueStore: Sendable {
    func serviceGroups(office: OfficeCode) async throws -> [ServiceGroup]
    /// Creates or replaces a group (an administrator's change, recorded in the change log).
    func saveServiceGroup(_ group: ServiceGroup, actor: String) async throws
    func counters(office: OfficeCode) async throws -> [Counter]
    /// Creates a counter or changes the groups it serves (keeps whoever has it open).
    func saveCounter(_ counter: Counter, actor: String) async throws
    /// Opens the counter for `officer`: ``StoreError/notFound(kind:code:)`` for an unknown counter,
    /// ``StoreError/conflict(kind:code:)`` when another officer has it open.
    func openCounter(office: OfficeCode, number: Int, officer: String, at: Date) async throws -> Counter
    /// Closes it if `officer` has it open (nil closes it whoever has it: an administrator). Its
    /// idle time since its last ticket counts inside `openSessions` (seconds since 1970; nil: all of
    /// it); tickets transferred to it go back to their group's queue, keeping their place.
    func closeCounter(office: OfficeCode, number: Int, officer: String?, at: Date, openSessions: [ClosedRange<Int>]?) async throws -> Counter
    /// Gives the ticket the group's next number of the day, stores it with its event and counts.
    func issueTicket(_ ticket: NewTicket) async throws -> StoredTicket
    /// Takes the first waiting ticket by `policy` among `groups` and calls it to the counter, in one
    /// transaction: two counters calling at once never get the same ticket (one SQLite writer;
    /// `FOR UPDATE SKIP LOCKED` on PostgreSQL). Nil when nobody waits. With `openBy`, the counter
    /// must still be open by that officer when its row is locked (``QueueDesk/CounterNotOpen``):
    /// a counter closed or taken over between the desk's check and the call calls nobody.
    func callNext(
        office: OfficeCode,
        day: LocalDate,
        counter: Int,
        groups: [String],
        policy: QueuePolicy,
        actor: String,
        at: Date,
        openSessions: [ClosedRange<Int>]?,
        openBy: String?
    ) async throws
        -> StoredTicket?
    func ticket(id: Int) async throws -> StoredTicket?
    func ticketEvents(id: Int) async throws -> [TicketEvent]
    /// Applies a step to a ticket still in `expected`; ``StoreError/changedMeanwhile(kind:code:)`` otherwise.
    func applyTicketStep(_ step: TicketStep) async throws -> StoredTicket
    /// How many wait in each group of the office today (a count, not the tickets: queues grow long).
    func waitingCounts(office: OfficeCode, day: LocalDate) async throws -> [String: Int]
    /// The day's tickets called to a counter or being served there.
    func ticketsAtCounters(office: OfficeCode, day: LocalDate) async throws -> [StoredTicket]
    /// Tickets not yet final of any office, on `day` or earlier, oldest day first (the closing sweep).
    func unfinishedTickets(through day: LocalDate, limit: Int) async throws -> [StoredTicket]
    /// Mean service time of the office's group over its last `limit` tickets completed on `day`, in seconds.
    func recentServiceSeconds(office: OfficeCode, group: String, day: LocalDate, limit: Int) async throws -> Int?
    func queueDayCounts(office: OfficeCode, from: LocalDate, through: LocalDate) async throws -> [QueueDayCount]
    /// Offices with no service group yet get the default ones and their counters.
    func ensureDefaultQueueSetup() async throws -> Int
    /// Appointments booked per slot start (seconds since 1970) for a group, in `from ... through`.
    func slotBookings(office: OfficeCode, group: String, from: Int, through: Int) async throws -> [Int: Int]
    /// Bookings still waiting for their holder whose slot started before `slotBefore` (the lapse sweep).
    func bookingsNotCheckedIn(slotBefore: Int, limit: Int) async throws -> [StoredTicket]
    /// Each counter's calls and idle time per day.
    func counterDayCounts(office: OfficeCode, from: LocalDate, through: LocalDate) async throws -> [CounterDayCount]
    /// The live feed of this database's queue events (see ``QueueFeed``); the same one on every call.
    func liveFeed() -> any QueueFeed
}

extension QueueStore {
    /// Closes a counter counting all of its idle time (no opening hours at hand).
    public func closeCounter(office: OfficeCode, number: Int, officer: String?, at: Date) async throws -> Counter {
        try await closeCounter(office: office, number: number, officer: officer, at: at, openSessions: nil)
    }

    /// Calls the next ticket counting all of the counter's idle time (no opening hours at hand).
    public func callNext(
        office: OfficeCode,
        day: LocalDate,
        counter: Int,
        groups: [String],
        policy: QueuePolicy,
        actor: String,
        at: Date
    ) async throws -> StoredTicket? {
        try await callNext(
            office: office,
            day: day,
            counter: counter,
            groups: groups,
            policy: policy,
            actor: actor,
            at: at,
            openSessions: nil,
            openBy: nil
        )
    }
}

/// A ticket to issue.
public struct NewTicket: Sendable {
    public let office: OfficeCode
    public let day: LocalDate
    public let group: String
    public let priority: PriorityCategory?
    public let channel: TicketChannel
    public let issuedAt: Date
    public let actor: String
    /// Digest of the ID number or phone of an online ticket (for its limit); never the value.
    public let contactHash: String?
    /// A booking: its slot's start (seconds since 1970) and how many the slot takes for the group.
    public var slot: (start: Int, capacity: Int)?
    /// How many tickets not cancelled the contact may hold on the day (``ContactLimitReached`` beyond).
    public var contactLimit: Int?

    public init(
        office: OfficeCode,
        day: LocalDate,
        group: String,
        priority: PriorityCategory?,
        channel: TicketChannel,
        issuedAt: Date,
        actor: String,
        contactHash: String? = nil
    ) {
        self.office = office
        self.day = day
        self.group = group
        self.priority = priority
        self.channel = channel
        self.issuedAt = issuedAt
        self.actor = actor
        self.contactHash = contactHash
    }
}

/// The person (a contact digest) already holds as many online tickets that day as allowed.
public struct ContactLimitReached: Error, Equatable, Sendable {
    public let limit: Int

    public init(limit: Int) { self.limit = limit }
}

/// Every appointment of the slot is taken for the group.
public struct SlotFull: Error, Equatable, Sendable {
    public let office: OfficeCode
    public let group: String
    public let slotStart: Int

    public init(office: OfficeCode, group: String, slotStart: Int) {
        self.office = office
        self.group = group
        self.slotStart = slotStart
    }
}

/// A ticket as stored.
public struct StoredTicket: Sendable, Equatable, QueueEntry {
    public let id: Int
    public let office: OfficeCode
    public let day: LocalDate
    public let group: String
    public let number: Int
    public let priority: PriorityCategory?
    public let channel: TicketChannel
    public let status: TicketStatus
    public let issuedAt: Date
    /// Seconds since 1970 when it first queued (kept across transfers).
    public let queuedSince: Int
    public let counter: Int?
    public let firstCalledEpoch: Int?
    public let startedEpoch: Int?
    public let endedEpoch: Int?
    public let recalls: Int
    public let dossiers: [String]
    /// A booking's slot start (seconds since 1970); nil for a ticket taken on the day.
    public var slotEpoch: Int?
    /// Kept only as a digest (see ``NewTicket/contactHash``).
    public var contactHash: String?
    /// Transferred to this counter: only it calls the ticket.
    public var forCounter: Int?
    /// The letter printed on the ticket: its first group's, kept when a transfer moves it to another.
    public var labelGroup: String?

    public init(
        id: Int,
        office: OfficeCode,
        day: LocalDate,
        group: String,
        number: Int,
        priority: PriorityCategory?,
        channel: TicketChannel,
        status: TicketStatus,
        issuedAt: Date,
        queuedSince: Int,
        counter: Int?,
        firstCalledEpoch: Int?,
        startedEpoch: Int?,
        endedEpoch: Int?,
        recalls: Int,
        dossiers: [String]
    ) {
        self.id = id
        self.office = office
        self.day = day
        self.group = group
        self.number = number
        self.priority = priority
        self.channel = channel
        self.status = status
        self.issuedAt = issuedAt
        self.queuedSince = queuedSince
        self.counter = counter
        self.firstCalledEpoch = firstCalledEpoch
        self.startedEpoch = startedEpoch
        self.endedEpoch = endedEpoch
        self.recalls = recalls
        self.dossiers = dossiers
    }

    public var label: TicketLabel { TicketLabel(group: labelGroup ?? group, number: number) }
}

/// A step to apply to a ticket.
public struct TicketStep: Sendable {
    public let ticket: Int
    public let action: TicketAction
    /// The status the ticket was read in: the step applies only if it still is.
    public let expected: TicketStatus
    public let at: Date
    public let actor: String
    public var counter: Int?
    /// A transfer's new group.
    public var group: String?
    /// Dossiers received or returned during the service (completion).
    public var dossiers: [String] = []
    /// A transfer to one counter: the ticket waits for that counter only.
    public var targetCounter: Int?
    /// A call: the office's open sessions (seconds since 1970) the counter's idle time is counted in.
    public var openSessions: [ClosedRange<Int>]?
    /// A check-in's place in the queue (seconds since 1970): the booked slot's start.
    public var queuedSince: Int?
    /// The officer taking a step of a called or served ticket: the store checks, with the counter's
    /// row locked, that `counter` is still open by them and still holds the ticket, and that a
    /// transfer's target counter is still open (a counter closed or a ticket moved meanwhile
    /// refuses the step instead of acting on someone else's ticket).
    public var officer: String?
    public var details: [String: String] = [:]

    public init(ticket: Int, action: TicketAction, expected: TicketStatus, at: Date, actor: String, counter: Int? = nil, group: String? = nil) {
        self.ticket = ticket
        self.action = action
        self.expected = expected
        self.at = at
        self.actor = actor
        self.counter = counter
        self.group = group
    }
}

/// One event of a ticket's life.
public struct TicketEvent: Sendable, Equatable {
    public let action: TicketAction
    public let at: Date
    public let counter: Int?
    public let actor: String
    public let details: [String: String]

    public init(action: TicketAction, at: Date, counter: Int?, actor: String, details: [String: String]) {
        self.action = action
        self.at = at
        self.counter = counter
        self.actor = actor
        self.details = details
    }
}

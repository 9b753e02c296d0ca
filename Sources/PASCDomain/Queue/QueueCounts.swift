/// What one ticket step adds to its office's, group's and day's counts. Kept in the same
/// transaction as the step, so the dashboard reads sums instead of scanning tickets.
public struct QueueCountDelta: Equatable, Sendable {
    public var tickets = 0
    public var called = 0
    public var waitSeconds = 0
    public var waitsOver15 = 0
    /// The one-minute bucket of the wait (see ``WaitHistogram``), on the first call.
    public var waitBucket: Int?
    /// Walks from the counter's call to the start of the service (the last call, if recalled).
    public var walks = 0
    public var walkSeconds = 0
    public var services = 0
    public var serviceSeconds = 0
    public var servicesOver30 = 0
    public var noShows = 0
    public var notServed = 0
    public var bookings = 0
    /// Bookings whose holder never checked in.
    public var lapsed = 0

    public init() {}

    /// The service targets (DESIGN: wait ≤ 15 minutes, reception ≤ 30 minutes).
    public static let waitTarget = 15 * 60
    public static let serviceTarget = 30 * 60

    /// The counts a step changes: a ticket counts when it joins the queue (issued, or a booking
    /// checked in); its first call fixes the wait; the start of the service the walk; completion
    /// the service time; a no-show, a ticket left at closing or a lapsed booking are counted once.
    public static func of(
        _ action: TicketAction,
        firstCall: Bool,
        waitSeconds: Int?,
        serviceSeconds: Int?,
        walkSeconds: Int? = nil
    ) -> QueueCountDelta {
        var delta = QueueCountDelta()
        switch action {
        case .issue, .checkIn:
            delta.tickets = 1
        case .book:
            delta.bookings = 1
        case .lapse:
            delta.lapsed = 1
        case .start:
            delta.walks = 1
            delta.walkSeconds = max(0, walkSeconds ?? 0)
        case .call where firstCall:
            let wait = max(0, waitSeconds ?? 0)
            delta.called = 1
            delta.waitSeconds = wait
            delta.waitsOver15 = wait > waitTarget ? 1 : 0
            delta.waitBucket = min(wait / 60, WaitHistogram.bucketCount - 1)
        case .complete:
            let service = max(0, serviceSeconds ?? 0)
            delta.services = 1
            delta.serviceSeconds = service
            delta.servicesOver30 = service > serviceTarget ? 1 : 0
        case .noShow:
            delta.noShows = 1
        case .closeUnserved:
            delta.notServed = 1
        default:
            break
        }
        return delta
    }

    public var isEmpty: Bool { self == QueueCountDelta() }
}

/// One office's, group's and day's counts, as kept; the figures the dashboard shows follow from them.
public struct QueueDayCount: Equatable, Sendable {
    public let office: OfficeCode
    public let group: String
    public let day: LocalDate
    public var tickets = 0
    public var called = 0
    public var waitSeconds = 0
    public var waitsOver15 = 0
    public var walks = 0
    public var walkSeconds = 0
    public var services = 0
    public var serviceSeconds = 0
    public var servicesOver30 = 0
    public var noShows = 0
    public var notServed = 0
    public var bookings = 0
    public var lapsed = 0
    public var histogram = WaitHistogram()

    public init(office: OfficeCode, group: String, day: LocalDate) {
        self.office = office
        self.group = group
        self.day = day
    }

    public var meanWaitSeconds: Double? { called == 0 ? nil : Double(waitSeconds) / Double(called) }
    public var shareWaitsOver15: Double? { called == 0 ? nil : Double(waitsOver15) / Double(called) }
    public var meanWalkSeconds: Double? { walks == 0 ? nil : Double(walkSeconds) / Double(walks) }
    public var meanServiceSeconds: Double? { services == 0 ? nil : Double(serviceSeconds) / Double(services) }
    public var shareServicesOver30: Double? { services == 0 ? nil : Double(servicesOver30) / Double(services) }
}

/// One counter's day: how many it called and how long it stood open with nobody at it (from its
/// opening, or the end of its last ticket, to its next call or its closing), counted only inside
/// the office's opening sessions (``idleSeconds(from:to:within:)``).
public struct CounterDayCount: Equatable, Sendable {
    public let office: OfficeCode
    public let counter: Int
    public let day: LocalDate
    public var calls = 0
    public var idleSeconds = 0

    public init(office: OfficeCode, counter: Int, day: LocalDate, calls: Int = 0, idleSeconds: Int = 0) {
        self.office = office
        self.counter = counter
        self.day = day
        self.calls = calls
        self.idleSeconds = idleSeconds
    }
}

extension CounterDayCount {
    /// The part of `from ..< to` (seconds) that falls inside the open sessions: a counter left open
    /// over the lunch break or the night is not idle then, the office is closed. Nil sessions count
    /// the whole interval (steps recorded without the office's hours).
    public static func idleSeconds(from: Int, to: Int, within sessions: [ClosedRange<Int>]?) -> Int {
        guard to > from else { return 0 }
        guard let sessions else { return to - from }
        return sessions.reduce(0) { total, session in
            total + max(0, min(to, session.upperBound) - max(from, session.lowerBound))
        }
    }
}

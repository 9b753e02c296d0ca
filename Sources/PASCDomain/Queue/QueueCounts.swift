/// What one ticket step adds to its office's, group's and day's counts. Kept in the same
/// transaction as the step, so the dashboard reads sums instead of scanning tickets.
public struct QueueCountDelta: Equatable, Sendable {
    public var tickets = 0
    public var called = 0
    public var waitSeconds = 0
    public var waitsOver15 = 0
    /// The one-minute bucket of the wait (see ``WaitHistogram``), on the first call.
    public var waitBucket: Int?
    public var services = 0
    public var serviceSeconds = 0
    public var servicesOver30 = 0
    public var noShows = 0
    public var notServed = 0

    public init() {}

    /// The service targets (DESIGN: wait ≤ 15 minutes, reception ≤ 30 minutes).
    public static let waitTarget = 15 * 60
    public static let serviceTarget = 30 * 60

    /// The counts a step changes: issue a ticket; its first call fixes the wait; completion the
    /// service time; a no-show or a ticket left at closing are counted once.
    public static func of(_ action: TicketAction, firstCall: Bool, waitSeconds: Int?, serviceSeconds: Int?) -> QueueCountDelta {
        var delta = QueueCountDelta()
        switch action {
        case .issue:
            delta.tickets = 1
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
    public var services = 0
    public var serviceSeconds = 0
    public var servicesOver30 = 0
    public var noShows = 0
    public var notServed = 0
    public var histogram = WaitHistogram()

    public init(office: OfficeCode, group: String, day: LocalDate) {
        self.office = office
        self.group = group
        self.day = day
    }

    public var meanWaitSeconds: Double? { called == 0 ? nil : Double(waitSeconds) / Double(called) }
    public var shareWaitsOver15: Double? { called == 0 ? nil : Double(waitsOver15) / Double(called) }
    public var meanServiceSeconds: Double? { services == 0 ? nil : Double(serviceSeconds) / Double(services) }
    public var shareServicesOver30: Double? { services == 0 ? nil : Double(servicesOver30) / Double(services) }
}

/// Which waiting ticket a counter calls next.
///
/// Tickets are called in order of their waited time; a priority ticket's waited time counts
/// `priorityWeight` times (double by default), but the extra credit never exceeds
/// `priorityCreditCap`. Two consequences, both tested:
///
/// - A priority ticket does not jump the whole queue: on arrival it has no credit and queues
///   behind everyone already waiting; it moves up only as it waits.
/// - **Bound on normal tickets:** a priority ticket is called before a normal one only if it was
///   issued less than `priorityCreditCap` after it. So a normal ticket's extra wait caused by
///   priority is at most the service of the priority tickets issued within the cap (10 minutes by
///   default) after it, never of those that come later.
///
/// A transferred ticket keeps the time it first queued, so it takes its fair place in the new
/// group rather than the end of the line. Ties go to the earlier ticket, then the lower id.
public struct QueuePolicy: Hashable, Sendable {
    /// How many times a priority ticket's waited time counts (1 = no priority).
    public let priorityWeight: Int
    /// The most credit, in seconds, a priority ticket can gain over normal ones.
    public let priorityCreditCap: Int

    public static let standard = QueuePolicy(priorityWeight: 2, priorityCreditCap: 600)

    public init(priorityWeight: Int, priorityCreditCap: Int) {
        precondition(priorityWeight >= 1 && priorityCreditCap >= 0, "a weight of at least 1 and a non-negative cap")
        self.priorityWeight = priorityWeight
        self.priorityCreditCap = priorityCreditCap
    }

    /// Seconds of credit a ticket has after waiting `waited` seconds.
    public func credit(priority: Bool, waited: Int) -> Int {
        guard priority, waited > 0 else { return 0 }
        return min(priorityCreditCap, (priorityWeight - 1) * waited)
    }

    /// The ticket's place at `now` (seconds): the time it queued, moved earlier by its credit. Lower is called first.
    public func sortKey(queuedSince: Int, priority: Bool, now: Int) -> Int {
        queuedSince - credit(priority: priority, waited: now - queuedSince)
    }

    /// `tickets` in the order they would be called at `now`.
    public func order<T: QueueEntry>(_ tickets: [T], now: Int) -> [T] {
        tickets.sorted { a, b in
            let ka = sortKey(queuedSince: a.queuedSince, priority: a.priority != nil, now: now)
            let kb = sortKey(queuedSince: b.queuedSince, priority: b.priority != nil, now: now)
            return (ka, a.queuedSince, a.id) < (kb, b.queuedSince, b.id)
        }
    }

    /// The ticket a counter serving `groups` calls at `now`, if any waits.
    public func next<T: QueueEntry>(among tickets: [T], groups: Set<String>, now: Int) -> T? {
        order(tickets.filter { groups.contains($0.group) }, now: now).first
    }
}

/// What the ordering needs to know of a waiting ticket.
public protocol QueueEntry {
    var id: Int { get }
    var group: String { get }
    var priority: PriorityCategory? { get }
    /// Seconds (any epoch, the same for all): when it first queued.
    var queuedSince: Int { get }
}

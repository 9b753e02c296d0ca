/// Who may be served with priority (Decree 107/2021: dedicated service for these people).
public enum PriorityCategory: String, CaseIterable, Codable, Sendable {
    case elderly
    case disability
    case pregnant
    case infant

    public var name: String {
        switch self {
        case .elderly: "Người cao tuổi"
        case .disability: "Người khuyết tật"
        case .pregnant: "Phụ nữ mang thai"
        case .infant: "Người đang nuôi con nhỏ"
        }
    }
}

/// How a ticket was issued.
public enum TicketChannel: String, CaseIterable, Codable, Sendable {
    /// At the kiosk in the hall.
    case kiosk
    /// Online, for today or a slot on a later day.
    case online
    /// By an officer (at the information desk or a counter).
    case officer
}

/// A ticket's number for the day: its group's letter and a three-digit daily sequence (`B012`).
public struct TicketLabel: Hashable, Sendable, CustomStringConvertible {
    public let group: String
    public let number: Int

    public init(group: String, number: Int) {
        self.group = group
        self.number = number
    }

    /// Three digits while the day's count stays under 1,000, then as many as needed.
    public var description: String {
        let digits = String(number)
        return group + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

/// Where a ticket is in its life.
public enum TicketStatus: String, CaseIterable, Codable, Sendable {
    /// An appointment on a later day: outside the queue until its holder checks in.
    case booked
    case waiting
    case called
    case serving
    case completed
    case noShow
    case cancelled
    /// Still waiting when the office closed: kept for the statistics.
    case notServed
    /// A booking whose holder did not check in within the arrival window (``BookingRules``).
    case lapsed

    public var isFinal: Bool { [.completed, .noShow, .cancelled, .notServed, .lapsed].contains(self) }
}

/// What happens to a ticket; each action is an event with its time.
public enum TicketAction: String, CaseIterable, Codable, Sendable {
    case issue
    /// An appointment booked for a slot on a later day.
    case book
    /// The holder of a booking arrived within its window: the ticket joins the queue.
    case checkIn
    /// Called to a counter (the first call fixes the wait).
    case call
    /// Called again to the same counter.
    case recall
    case start
    /// Sent to another group (or back to the queue for another counter), keeping its place.
    case transfer
    case complete
    case noShow
    case cancel
    /// Closed at the end of the day while still waiting.
    case closeUnserved
    /// A booking nobody checked in for by the end of its window.
    case lapse

    /// The statuses the action applies to, and the status after it.
    public var transition: (from: Set<TicketStatus>, to: TicketStatus) {
        switch self {
        case .issue: ([], .waiting)
        case .book: ([], .booked)
        case .checkIn: ([.booked], .waiting)
        case .lapse: ([.booked], .lapsed)
        case .call: ([.waiting], .called)
        case .recall: ([.called], .called)
        case .start: ([.called], .serving)
        case .transfer: ([.called, .serving], .waiting)
        case .complete: ([.serving], .completed)
        case .noShow: ([.called], .noShow)
        case .cancel: ([.booked, .waiting, .called], .cancelled)
        case .closeUnserved: ([.waiting, .called], .notServed)
        }
    }
}

/// An action a ticket's status does not allow: names the status and what it allows.
public struct IllegalTicketStep: Error, Equatable, Sendable {
    public let status: TicketStatus
    public let action: TicketAction

    public init(status: TicketStatus, action: TicketAction) {
        self.status = status
        self.action = action
    }

    public var allowed: [TicketAction] { TicketAction.allCases.filter { $0.transition.from.contains(status) } }

    public static func check(_ action: TicketAction, from status: TicketStatus) throws(IllegalTicketStep) -> TicketStatus {
        guard action.transition.from.contains(status) else { throw IllegalTicketStep(status: status, action: action) }
        return action.transition.to
    }
}

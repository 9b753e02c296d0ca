import Foundation

/// What the public sees of a dossier beside its steps (status, phase, appointment, holder, apology),
/// as its logged events make it. `pasc verify` replays the events and compares: a column rewritten
/// in the database (the status, the due date) changes what the public reads, and only this
/// comparison ties the columns back to the append-only log.
public struct DossierPublicState: Hashable, Sendable {
    public var status: DossierStatus
    /// The appointment; nil when no event recorded a plan (dossiers from before plans were kept).
    public var due: LocalDateTime?
    /// The agency holding the dossier.
    public var holder: String
    /// When the apology letter was recorded, if one was.
    public var apologisedAt: Date?

    public init(status: DossierStatus, due: LocalDateTime?, holder: String, apologisedAt: Date?) {
        self.status = status
        self.due = due
        self.holder = holder
        self.apologisedAt = apologisedAt
    }

    public var phase: DossierPhase { status.phase }

    /// The state the events lead to, in order, for a dossier of `agency`; nil without events.
    ///
    /// The appointment follows the write paths: the acceptance's plan sets it, a later plan (the
    /// clock resumed after a supplement or a payment) moves it to its last step when that is later
    /// (a plan recorded after no pause keeps its old last step), an apology letter sets its new date.
    public static func replay(_ events: [DossierEvent], agency: String) -> DossierPublicState? {
        guard let last = events.last else { return nil }
        var state = DossierPublicState(status: last.to, due: nil, holder: agency, apologisedAt: nil)
        for event in events {
            if let recorded = event.details[StepPlan.detailKey], let plan = StepPlan(recorded: recorded), let end = plan.steps.last?.due {
                state.due = state.due.map { max($0, end) } ?? end
            }
            switch event.action {
            case .apologise:
                if let newDue = event.details["newDue"].flatMap(LocalDateTime.init(iso:)) { state.due = newDue }
                if state.apologisedAt == nil { state.apologisedAt = event.at }
            case .transfer:
                if let receiver = event.details["receiver"] { state.holder = receiver }
            default:
                break
            }
        }
        return state
    }

    /// The fields where `stored` (the database's columns) says other than this replayed state,
    /// each as "field: stored …, logged …".
    public func differences(fromStored stored: DossierPublicState) -> [String] {
        var found: [String] = []
        if stored.status != status {
            found.append("status: stored \(stored.status.rawValue) (\(stored.status.portalCode)), logged \(status.rawValue) (\(status.portalCode))")
        }
        if let due, let storedDue = stored.due, storedDue != due {
            found.append("appointment_due: stored \(storedDue), logged \(due)")
        }
        if stored.holder != holder { found.append("holder_code: stored \(stored.holder), logged \(holder)") }
        let storedSecond = stored.apologisedAt.map { Int($0.timeIntervalSince1970) }
        let loggedSecond = apologisedAt.map { Int($0.timeIntervalSince1970) }
        if storedSecond != loggedSecond {
            found.append("apology_at: stored \(storedSecond.map(String.init) ?? "none"), logged \(loggedSecond.map(String.init) ?? "none")")
        }
        return found
    }
}

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

    /// What one step sets beside its status: the appointment it fixes and the agency it hands the
    /// dossier to. A leaf of the public log's version 2 records both, so anyone can replay them.
    public struct StepEffect: Hashable, Sendable {
        /// The acceptance's plan (or a later plan, the clock resumed): its last step's due; an
        /// apology letter: its new date.
        public var due: LocalDateTime?
        /// A hand-over's receiver.
        public var holder: String?

        public init(due: LocalDateTime? = nil, holder: String? = nil) {
            self.due = due
            self.holder = holder
        }

        public static func of(_ event: DossierEvent) -> StepEffect {
            var effect = StepEffect()
            if event.action == .apologise {
                effect.due = event.details["newDue"].flatMap(LocalDateTime.init(iso:))
            } else if let recorded = event.details[StepPlan.detailKey], let plan = StepPlan(recorded: recorded) {
                effect.due = plan.steps.last?.due
            }
            if event.action == .transfer { effect.holder = event.details["receiver"] }
            return effect
        }
    }

    /// One step as the fold needs it (from an event, or from its leaf).
    public struct Step: Hashable, Sendable {
        public let action: DossierAction
        public let to: DossierStatus
        public let at: Date
        public let effect: StepEffect

        public init(action: DossierAction, to: DossierStatus, at: Date, effect: StepEffect) {
            self.action = action
            self.to = to
            self.at = at
            self.effect = effect
        }
    }

    /// The state the events lead to, in order, for a dossier of `agency`; nil without events.
    public static func replay(_ events: [DossierEvent], agency: String) -> DossierPublicState? {
        fold(events.map { Step(action: $0.action, to: $0.to, at: $0.at, effect: .of($0)) }, agency: agency)
    }

    /// The appointment follows the write paths: the acceptance's plan sets it, a later plan (the
    /// clock resumed after a supplement or a payment) moves it to its last step when that is later
    /// (a plan recorded after no pause keeps its old last step), an apology letter sets its new date.
    public static func fold(_ steps: [Step], agency: String) -> DossierPublicState? {
        guard let last = steps.last else { return nil }
        var state = DossierPublicState(status: last.to, due: nil, holder: agency, apologisedAt: nil)
        for step in steps {
            if let due = step.effect.due {
                state.due = step.action == .apologise ? due : state.due.map { max($0, due) } ?? due
            }
            if step.action == .apologise, state.apologisedAt == nil { state.apologisedAt = step.at }
            if let holder = step.effect.holder { state.holder = holder }
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

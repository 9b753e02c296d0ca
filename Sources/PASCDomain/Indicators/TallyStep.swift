/// What one step of a dossier adds to the counts: the pure rule the store applies in the step's
/// transaction (and the import and the backfill apply to whole histories), so the dashboard's
/// figures and the dossiers cannot drift apart.
public enum TallyStep {
    /// What the counts need to remember of a dossier between steps.
    public struct State: Hashable, Sendable {
        public var status: DossierStatus
        /// The appointment the dossier is counted under.
        public var due: LocalDateTime
        /// Whether its clock runs, i.e. it is counted as open under `due` (not while the
        /// applicant owes papers or a payment that stops the clock, nor once it has left).
        public var running: Bool
        public var digitised: Bool

        public init(status: DossierStatus, due: LocalDateTime, running: Bool, digitised: Bool) {
            self.status = status
            self.due = due
            self.running = running
            self.digitised = digitised
        }
    }

    /// The increments of one step. `day` counts go to the day (and month) of the step; `dues`
    /// and `open` are keyed by appointment time.
    public struct Effect: Hashable, Sendable {
        public var day = DossierTally()
        public var dues: [LocalDateTime: DueTally] = [:]
        /// Open dossiers whose clock runs, by appointment: +1 / −1.
        public var open: [LocalDateTime: Int] = [:]

        public init() {}

        public var isEmpty: Bool { day.isZero && dues.values.allSatisfy(\.isZero) && open.values.allSatisfy { $0 == 0 } }

        mutating func count(open due: LocalDateTime, _ delta: Int) {
            open[due, default: 0] += delta
            if open[due] == 0 { open[due] = nil }
        }
    }

    /// The acceptance: received on its channel, open under its appointment.
    public static func accept(channel: SubmissionChannel, due: LocalDateTime) -> (State, Effect) {
        var effect = Effect()
        effect.day.received = 1
        switch channel {
        case .counter: effect.day.viaCounter = 1
        case .post: effect.day.viaPost = 1
        case .online: effect.day.viaOnline = 1
        }
        effect.dues[due] = DueTally(total: 1)
        effect.count(open: due, 1)
        return (State(status: .accepted, due: due, running: true, digitised: false), effect)
    }

    /// A later step at local time `at`. `newDue` is the appointment the step sets (an apology, the
    /// end of a pause); `finish` the result's mark and handling days when it makes the result ready.
    public static func apply(
        _ event: DossierEvent,
        at: LocalDateTime,
        to state: State,
        newDue: LocalDateTime?,
        finish: (timeliness: Timeliness, workingDays: Int)?
    ) -> (State, Effect) {
        var next = state
        var effect = Effect()
        next.status = event.to
        if let newDue, newDue != state.due {
            effect.dues[state.due, default: DueTally()].total -= 1
            effect.dues[newDue, default: DueTally()].total += 1
            next.due = newDue
        }
        let leaves = DossierStatus.unfinished.contains(event.from) && !DossierStatus.unfinished.contains(event.to)
        if leaves {
            effect.day.closed = 1
            if at > next.due {
                effect.day.closedLate = 1
            } else {
                effect.dues[next.due, default: DueTally()].closedInTime += 1
            }
        }
        if event.from == event.to {
            next.running = state.running
        } else if event.to == .paymentRequested {
            next.running = event.details["stopsClock"] != "true"
        } else {
            next.running = event.to.clockRunsByDefault
        }
        if state.running { effect.count(open: state.due, -1) }
        if next.running { effect.count(open: next.due, 1) }
        switch event.action {
        case .markResultReady:
            if let finish {
                switch finish.timeliness {
                case .early: effect.day.early = 1
                case .onTime: effect.day.onTime = 1
                case .late: effect.day.late = 1
                }
                effect.day.handlingDays = finish.workingDays
            }
            if let documents = event.details["resultDocuments"].flatMap(Int.init), documents > 0 { effect.day.electronicResults = 1 }
        case .stopProcessing: effect.day.stopped = 1
        case .withdraw: effect.day.withdrawn = 1
        case .returnResult: effect.day.returned = 1
        case .apologise: effect.day.apologies = 1
        case .recordPayment:
            effect.day.payments = 1
            if event.details["method"] == "online" { effect.day.onlinePayments = 1 }
        case .attachDocument:
            if !state.digitised, event.details["role"] != "result" {
                effect.day.digitised = 1
                next.digitised = true
            }
        default: break
        }
        effect.dues = effect.dues.filter { !$0.value.isZero }
        return (next, effect)
    }

    /// A whole history counted at once (the bulk import, and dossiers recorded before the counts
    /// existed), under the appointment the dossier has at its end: earlier appointments that a
    /// pause or an apology moved are not known there.
    public static func history(
        channel: SubmissionChannel,
        due: LocalDateTime,
        receivedAt: LocalDateTime,
        later: [(event: DossierEvent, at: LocalDateTime)],
        finish: (timeliness: Timeliness, workingDays: Int)?
    ) -> (State, [(at: LocalDateTime, effect: Effect)]) {
        var (state, effect) = accept(channel: channel, due: due)
        var effects = [(at: receivedAt, effect: effect)]
        for (event, at) in later {
            (state, effect) = apply(event, at: at, to: state, newDue: nil, finish: event.action == .markResultReady ? finish : nil)
            if !effect.isEmpty { effects.append((at, effect)) }
        }
        return (state, effects)
    }
}

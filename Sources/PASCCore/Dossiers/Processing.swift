import Foundation
import PASCDomain

/// The lifecycle after reception: processing, supplements (the clock stops and the appointment
/// moves by the working time it was stopped), payments, the result, its return, withdrawal and
/// stopping; and the record-only steps: transfers, the apology letter, corrections, postal work.
/// Every step is an event; only legal transitions happen.
public struct Processing: Sendable {
    public let store: any DossierStore
    public let catalog: any ProcedureCatalog
    public let calendar: CalendarService
    public let clock: any Clock
    /// Dossiers received before this time of a working day go to the agency the same day.
    public let transferCutoff: TimeOfDay

    public init(
        store: any DossierStore,
        catalog: any ProcedureCatalog,
        calendar: CalendarService,
        clock: any Clock,
        transferCutoff: TimeOfDay = StepDeadline.defaultTransferCutoff
    ) {
        self.store = store
        self.catalog = catalog
        self.calendar = calendar
        self.clock = clock
        self.transferCutoff = transferCutoff
    }

    /// Why an action was refused for this actor: a role that may not take it on this side, or (for
    /// the agency's own steps) a leader or specialist of another agency.
    public struct NotYourAction: Error, Equatable, Sendable {
        public let action: DossierAction
        public let roles: Set<Role>
        public var agency: String? = nil
    }

    /// A hand-over to an agency the dossier's plan does not name. A transfer decides who reads the
    /// applicant's personal data, so it goes only where the procedure's steps go.
    public struct ReceiverNotInPlan: Error, Equatable, Sendable {
        public let receiver: String
        /// The agencies the plan names (the competent agency first).
        public let allowed: [String]
    }

    /// A record-only step sent to the generic actions route, which has no place for its details.
    public struct UseItsOwnRoute: Error, Equatable, Sendable {
        public let action: DossierAction
    }

    /// Takes a status-changing `action` on the dossier as `member`, who has it in scope (the
    /// route's policy checked that). Returns the dossier after the step.
    public func act(
        _ action: DossierAction,
        on code: DossierCode,
        by member: StaffMember,
        reason: String?,
        attachments: [String] = []
    ) async throws -> StoredDossier {
        guard action.changesStatus, ![.requestPayment, .recordPayment].contains(action) else { throw UseItsOwnRoute(action: action) }
        let dossier = try await load(code)
        var update = DossierUpdate()
        var details: [String: String] = [:]
        var attachments = attachments
        if action == .markResultReady {
            // The result goes with the result documents scanned so far (by hash; the files stay behind the access checks).
            let results = try await store.events(of: code).filter { $0.action == .attachDocument && $0.details["role"] == "result" }
            attachments += results.flatMap(\.attachments).filter { !attachments.contains($0) }
            details["resultDocuments"] = String(results.count)
            update.finish = DossierFinish.of(
                receivedAt: dossier.receivedAt,
                finishedAt: clock.now(),
                legalDue: DossierFinish.legalDue(dossier, events: try await store.events(of: code)),
                calendar: try await calendar.calendar()
            )
        }
        if action == .completeSupplement {
            let events = try await store.events(of: code)
            let requested = events.last { $0.action == .requestSupplement }?.at ?? clock.now()
            (update, details) = try await resumeClock(of: dossier, events: events, stoppedAt: requested, waitingFor: "chờ bổ sung")
        }
        try await record(action, on: dossier, by: member, reason: reason, attachments: attachments, details: details, update: update)
        return try await load(code)
    }

    /// The clock stood still from `stoppedAt` until now: the appointment, and every step of the
    /// plan not yet due, move by that working time, with the rule written down.
    func resumeClock(
        of dossier: StoredDossier,
        events: [DossierEvent],
        stoppedAt: Date,
        waitingFor: String
    ) async throws -> (DossierUpdate, [String: String]) {
        let now = clock.now()
        let working = try await calendar.calendar()
        let pausedAt = VietnamTime.localDateTime(stoppedAt)
        let paused = working.workingMinutes(from: pausedAt, to: VietnamTime.localDateTime(now))
        let due = paused == 0 ? dossier.appointmentDue : working.adding(workingMinutes: paused, to: dossier.appointmentDue)
        var update = DossierUpdate(newDue: due)
        update.dueRule =
            "Hẹn mới \(due.date.vietnameseText): cộng \(paused / 60) giờ \(paused % 60) phút làm việc tạm dừng \(waitingFor) (từ \(VietnamTime.format(stoppedAt)) đến \(VietnamTime.format(now)))"
        let plan = Self.plan(of: dossier, events: events).shifted(pausedAt: pausedAt, minutes: paused, newAppointment: due, calendar: working)
        let part = plan.parts[min(Self.currentPart(events), plan.parts.count - 1)]
        update.holderDue =
            part.agency == dossier.holder
            ? part.due : (dossier.holderDue > pausedAt ? working.adding(workingMinutes: paused, to: dossier.holderDue) : dossier.holderDue)
        return (update, [StepPlan.detailKey: plan.recorded])
    }

    /// The agency asks for a financial obligation (fees, levies, taxes) with its amount and basis.
    /// Whether the clock stops while the applicant pays is the procedure's rule, recorded with the
    /// request so a later catalog change does not alter it.
    public func requestPayment(_ code: DossierCode, amountVND: Int, basis: String, by member: StaffMember) async throws -> StoredDossier {
        let dossier = try await load(code)
        let stops = try await catalog.procedure(dossier.procedure)?.paymentStopsClock ?? false
        try await record(
            .requestPayment,
            on: dossier,
            by: member,
            reason: basis,
            details: ["amountVND": String(amountVND), "stopsClock": stops ? "true" : "false"]
        )
        return try await load(code)
    }

    /// The counter records the payment: the amount asked, with the receipt number. Where the
    /// procedure stops the clock for payment, the appointment moves by the time it took.
    public func recordPayment(
        _ code: DossierCode,
        amountVND: Int,
        receiptNumber: String?,
        method: PaymentMethod = .cash,
        by member: StaffMember
    ) async throws -> StoredDossier {
        let dossier = try await load(code)
        _ = try DossierLifecycle.apply(.recordPayment, to: dossier.status, reason: nil)
        let events = try await store.events(of: code)
        let request = events.last { $0.action == .requestPayment }
        let asked = request?.details["amountVND"].flatMap { Int($0) }
        if let asked, asked != amountVND {
            throw ValidationErrors([
                ValidationError(
                    field: "amountVND",
                    message: "Số tiền nộp \(amountVND) đồng khác số tiền đã yêu cầu \(asked) đồng.",
                    messageEn: "The amount paid, \(amountVND) VND, differs from the \(asked) VND asked."
                )
            ])
        }
        var update = DossierUpdate()
        var details = ["amountVND": String(amountVND), "method": method.rawValue]
        if let receiptNumber { details["receiptNumber"] = receiptNumber }
        if let request, request.details["stopsClock"] == "true" {
            let (resumed, planDetails) = try await resumeClock(
                of: dossier,
                events: events,
                stoppedAt: request.at,
                waitingFor: "chờ thực hiện nghĩa vụ tài chính"
            )
            update = resumed
            details.merge(planDetails) { $1 }
        }
        try await record(.recordPayment, on: dossier, by: member, reason: nil, details: details, update: update)
        return try await load(code)
    }

    /// Hands the dossier over to `receiver`, with the deadline of the step it closes for the
    /// tracking sheet. From the office: the reception hand-over (same day before the cut-off). From
    /// an agency (an inter-agency procedure): the end of the giver's part of the plan; the receiver
    /// then holds the dossier, with its own part's deadline, and sees it in its inbox.
    public func transfer(_ code: DossierCode, to receiver: String, by member: StaffMember, note: String?) async throws -> StoredDossier {
        let dossier = try await load(code)
        let events = try await store.events(of: code)
        let plan = Self.plan(of: dossier, events: events)
        let allowed = Self.planAgencies(of: dossier, plan: plan)
        guard allowed.contains(receiver) else { throw ReceiverNotInPlan(receiver: receiver, allowed: allowed) }
        var details = ["receiver": receiver]
        var update = DossierUpdate(holder: receiver)
        update.expectedHolder = dossier.holder
        if dossier.status == .accepted {
            let working = try await calendar.calendar()
            let due = StepDeadline.transfer(receivedAt: VietnamTime.localDateTime(dossier.receivedAt), cutoff: transferCutoff, calendar: working)
            details["giver"] = member.homeOffice?.rawValue ?? dossier.office.rawValue
            details["stepDue"] = due.description
            let part = plan.parts.first { $0.agency == receiver }
            details["part"] = String(part?.index ?? 0)
            update.holderDue = part?.due ?? dossier.appointmentDue
        } else {
            let current = Self.currentPart(events)
            let giving = plan.parts[current]
            details["giver"] = dossier.holder
            details["stepDue"] = (giving.agency == dossier.holder ? giving.due : dossier.holderDue).description
            details["handsOverPart"] = String(current)
            // The next part the receiver takes; an unplanned hand-over keeps the current part and the final date.
            let next = plan.part(after: current, for: receiver)
            details["part"] = String(next?.index ?? current)
            update.holderDue = next?.due ?? dossier.appointmentDue
        }
        try await record(.transfer, on: dossier, by: member, reason: note, details: details, update: update)
        return try await load(code)
    }

    /// The dossier's current plan: the latest one recorded (at acceptance, moved by supplement
    /// pauses), or one step to the appointment for a dossier recorded without one.
    public static func plan(of dossier: StoredDossier, events: [DossierEvent]) -> StepPlan {
        events.last { $0.details[StepPlan.detailKey] != nil }
            .flatMap { StepPlan(recorded: $0.details[StepPlan.detailKey]!) }
            ?? .single(agency: dossier.agency, due: dossier.appointmentDue)
    }

    /// The agencies a dossier may be handed to, and whose people may read it: the competent agency
    /// and every agency of its plan, in the plan's order.
    public static func planAgencies(of dossier: StoredDossier, plan: StepPlan) -> [String] {
        var agencies = [dossier.agency]
        for part in plan.parts where !agencies.contains(part.agency) { agencies.append(part.agency) }
        return agencies
    }

    /// The agency that holds the dossier for access decisions: the recorded holder when the plan
    /// names it, else the competent agency (a hand-over outside the plan never widens access).
    public static func accessHolder(of dossier: StoredDossier, events: [DossierEvent]) -> String {
        planAgencies(of: dossier, plan: plan(of: dossier, events: events)).contains(dossier.holder) ? dossier.holder : dossier.agency
    }

    /// The part of the plan the dossier is in: the one the latest hand-over started.
    public static func currentPart(_ events: [DossierEvent]) -> Int {
        events.last { $0.action == .transfer }.flatMap { $0.details["part"] }.flatMap(Int.init) ?? 0
    }

    /// Records the agency head's apology letter and moves the appointment (at most once; see
    /// ``ApologyLetter``). Throws ``ValidationErrors`` for what the law refuses.
    public func apologise(
        _ code: DossierCode,
        by member: StaffMember,
        reason: String?,
        newDate: LocalDate
    ) async throws -> (StoredDossier, ApologyLetter) {
        let dossier = try await load(code)
        guard member.roles.contains(.leader), member.scope.agencies.contains(dossier.agency) else {
            throw NotYourAction(action: .apologise, roles: [.leader], agency: dossier.agency)
        }
        _ = try DossierLifecycle.apply(.apologise, to: dossier.status, reason: "-")
        let letter = try ApologyLetter.record(
            reason: reason,
            newDate: newDate,
            currentDue: dossier.appointmentDue,
            alreadyApologised: dossier.apologisedAt != nil,
            now: VietnamTime.localDateTime(clock.now()),
            calendar: try await calendar.calendar()
        )
        let rule =
            "Hẹn lại \(letter.newDue.date.vietnameseText) theo phiếu xin lỗi (hẹn cũ \(letter.previousDue.date.vietnameseText))"
            + (letter.recordedLate ? "; phiếu lập muộn hơn 1 ngày làm việc trước ngày hẹn" : "")
        do {
            try await record(
                .apologise,
                on: dossier,
                by: member,
                reason: letter.reason,
                details: letter.details,
                // The holder's deadline follows when it is the appointment (the competent agency's last part).
                update: DossierUpdate(
                    newDue: letter.newDue,
                    dueRule: rule,
                    apology: true,
                    holderDue: dossier.holderDue == dossier.appointmentDue ? letter.newDue : nil
                )
            )
        } catch StoreError.changedMeanwhile {
            // Another letter landed between the read and the write: the same refusal as a second letter.
            _ = try ApologyLetter.record(
                reason: reason,
                newDate: newDate,
                currentDue: dossier.appointmentDue,
                alreadyApologised: true,
                now: VietnamTime.localDateTime(clock.now()),
                calendar: try await calendar.calendar()
            )
        }
        return (try await load(code), letter)
    }

    /// A correcting step for a mistaken record, by a leader: the mistaken event stays as it was.
    public func correct(_ code: DossierCode, step: Int, by member: StaffMember, reason: String?) async throws -> StoredDossier {
        let dossier = try await load(code)
        let count = try await store.events(of: code).count
        guard (1...max(count, 1)).contains(step), count > 0 else {
            throw ValidationErrors([
                ValidationError(
                    field: "step",
                    message: "Hồ sơ có \(count) bước; không có bước \(step).",
                    messageEn: "The dossier has \(count) steps; there is no step \(step)."
                )
            ])
        }
        try await record(.correct, on: dossier, by: member, reason: reason, details: ["correctsStep": String(step)])
        return try await load(code)
    }

    /// Postal work on the dossier: picking the papers up, or dispatching the result, with the
    /// postal tracking number.
    public func postal(_ action: DossierAction, on code: DossierCode, by member: StaffMember, trackingNumber: String) async throws -> StoredDossier {
        precondition([.postalPickUp, .postalDispatch].contains(action), "a postal step")
        let dossier = try await load(code)
        try await record(action, on: dossier, by: member, reason: nil, details: ["trackingNumber": trackingNumber])
        return try await load(code)
    }

    func load(_ code: DossierCode) async throws -> StoredDossier {
        guard let dossier = try await store.dossier(code) else { throw StoreError.notFound(kind: "dossier", code: code.description) }
        return dossier
    }

    /// The one place a person's step becomes an event: role, side and agency checked, then written.
    func record(
        _ action: DossierAction,
        on dossier: StoredDossier,
        by member: StaffMember,
        reason: String?,
        attachments: [String] = [],
        details: [String: String] = [:],
        update: DossierUpdate = DossierUpdate()
    ) async throws {
        let event = try self.event(action, on: dossier, by: member, reason: reason, attachments: attachments, details: details)
        var update = update
        update.outbox += try await messages(for: event, on: dossier, due: update.newDue ?? dossier.appointmentDue)
        try await store.applyEvent(event, to: dossier.code, update: update)
    }

    /// The portal progress record of a transition (and of an apology, which moves the date), and
    /// the applicant's notification where the step calls for one.
    func messages(for event: DossierEvent, on dossier: StoredDossier, due: LocalDateTime) async throws -> [NewOutboxMessage] {
        var messages: [NewOutboxMessage] = []
        if event.action.changesStatus || event.action == .apologise {
            messages.append(
                PortalProgressRecord.make(
                    code: dossier.code,
                    procedure: dossier.procedure,
                    office: dossier.office,
                    agency: dossier.agency,
                    channel: dossier.channel,
                    applicantKind: dossier.applicant.kind,
                    idKind: dossier.applicant.id.revealed.kind,
                    receivedAt: dossier.receivedAt,
                    due: due,
                    events: try await store.events(of: dossier.code) + [event]
                )
            )
        }
        if let notice = ApplicantNotice.make(
            code: dossier.code,
            action: event.action,
            reason: event.reason,
            details: event.details,
            due: due,
            phone: dossier.applicant.phone?.revealed,
            channel: dossier.channel
        ) {
            messages.append(notice)
        }
        return messages
    }

    /// The event a person's step makes: role, side and agency checked.
    func event(
        _ action: DossierAction,
        on dossier: StoredDossier,
        by member: StaffMember,
        reason: String?,
        attachments: [String] = [],
        details: [String: String] = [:]
    ) throws -> DossierEvent {
        guard let role = action.roles.intersection(member.roles).sorted().first else {
            throw NotYourAction(action: action, roles: action.roles)
        }
        // During an inter-agency step the holding agency hands the dossier on and attaches its
        // papers; every status change stays with the competent agency.
        let actingAgency =
            (action == .transfer && dossier.status != .accepted)
                || (action == .attachDocument && member.scope.agencies.contains(dossier.holder))
            ? dossier.holder : dossier.agency
        let side = action.side(for: role, agencyMember: member.scope.agencies.contains(actingAgency))
        // The agency's own steps are taken by its people, not by a leader who sees the dossier through an office.
        if side == .agency, !member.scope.agencies.contains(actingAgency) {
            throw NotYourAction(action: action, roles: action.roles, agency: actingAgency)
        }
        let actor = EventActor(
            username: member.username,
            role: role,
            office: side == .office ? member.homeOffice ?? dossier.office : nil,
            agency: side == .agency ? actingAgency : nil
        )
        return try DossierLifecycle.event(
            action,
            on: dossier.status,
            by: actor,
            at: clock.now(),
            reason: reason,
            attachments: attachments,
            details: details
        )
    }
}

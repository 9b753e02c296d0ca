import Foundation
import PASCCore
import PASCDomain

/// A dossier as anyone may see it by its code: no personal data, every step with its time.
struct DossierPublicView: Encodable, Sendable {
    struct Status: Encodable, Sendable {
        let code: Int
        let name: String
        let nameEn: String

        init(_ status: DossierStatus) {
            code = status.portalCode
            name = status.name
            nameEn = status.nameEn
        }
    }

    /// The coarse status (received, in progress, waiting for the applicant, done, returned; refused, withdrawn, stopped).
    struct Phase: Encodable, Sendable {
        let code: String
        let name: String
        let nameEn: String

        init(_ phase: DossierPhase) {
            code = phase.rawValue
            name = phase.name
            nameEn = phase.nameEn
        }
    }

    struct Step: Encodable, Sendable {
        let action: String
        let status: Status
        let at: String
        let role: String
        @ExplicitNull var office: String?
        @ExplicitNull var agency: String?
        @ExplicitNull var reason: String?
        /// The step's own deadline where it has one (a transfer, the result), and the mark against it.
        @ExplicitNull var due: String?
        @ExplicitNull var timeliness: String?
        /// Public details of the step: a transfer's giver and receiver, an apology's dates, a tracking number.
        let details: [String: String]
    }

    struct ApologyView: Encodable, Sendable {
        let reason: String
        let at: String
        let previousDue: String
        let newDue: String
        /// Recorded later than one working day before the old date: accepted, but flagged.
        let recordedLate: Bool
    }

    /// A step of the processing plan: which agency takes it and its legal end; for the last step
    /// of an agency's part in an inter-agency procedure, when it handed on and the mark.
    struct PlanStep: Encodable, Sendable {
        let step: String
        let agency: String
        let budget: Int
        let due: String
        @ExplicitNull var handedOverAt: String?
        @ExplicitNull var timeliness: String?
    }

    let code: String
    let procedure: String
    let receivingOffice: String
    let agency: String
    /// The agency holding the dossier now (another one during an inter-agency step) and its part's deadline.
    let heldBy: String
    let heldByDue: String
    let plan: [PlanStep]
    let channel: String
    let phase: Phase
    let status: Status
    let receivedAt: String
    let appointmentDate: String
    let due: String
    /// `early`, `onTime` or `late` once the result is ready; null while in progress.
    @ExplicitNull var timeliness: String?
    /// True while unfinished and past the due time (as of `now`).
    let overdue: Bool
    /// Past the date without an apology letter: a violation of the appointment.
    let violation: Bool
    /// The agency's apology letter and the new date, if the appointment was moved.
    @ExplicitNull var apology: ApologyView?
    /// How the current appointment was computed (reception, supplement pause, apology).
    let appointmentRule: String
    let steps: [Step]

    /// `reasons`: the staff's free-text reasons of the steps, for the applicant and staff only.
    /// The public sees that a step happened and when, not why: a reason is typed by a person and
    /// may name one (the apology letter's reason, an official statement, stays public).
    init(_ dossier: StoredDossier, events: [DossierEvent], now: Date, reasons: Bool = false) {
        code = dossier.code.description
        procedure = dossier.procedure.rawValue
        receivingOffice = dossier.office.rawValue
        agency = dossier.agency
        heldBy = dossier.holder
        heldByDue = VietnamTime.format(VietnamTime.instant(dossier.holderDue))
        let stepPlan = Processing.plan(of: dossier, events: events)
        var partIndex = -1
        var previousAgency: String?
        var planSteps: [PlanStep] = []
        for (index, step) in stepPlan.steps.enumerated() {
            if step.agency != previousAgency { partIndex += 1 }
            previousAgency = step.agency
            let endsPart = index == stepPlan.steps.count - 1 || stepPlan.steps[index + 1].agency != step.agency
            let handOver = endsPart ? events.first { $0.action == .transfer && $0.details["handsOverPart"] == String(partIndex) } : nil
            planSteps.append(
                PlanStep(
                    step: step.name,
                    agency: step.agency,
                    budget: step.budget,
                    due: VietnamTime.format(VietnamTime.instant(step.due)),
                    handedOverAt: handOver.map { VietnamTime.format($0.at) },
                    timeliness: handOver.map { Timeliness.mark(finishedAt: VietnamTime.localDateTime($0.at), due: step.due).rawValue }
                )
            )
        }
        plan = planSteps
        channel = dossier.channel.rawValue
        phase = Phase(dossier.status.phase)
        status = Status(dossier.status)
        receivedAt = VietnamTime.format(dossier.receivedAt)
        appointmentDate = dossier.appointmentDue.date.description
        due = VietnamTime.format(VietnamTime.instant(dossier.appointmentDue))
        let apologyEvent = events.first { $0.action == .apologise }
        let legalDue = Self.legalDue(dossier, apology: apologyEvent)
        let finished = events.first { $0.action == .markResultReady }.map { VietnamTime.localDateTime($0.at) }
        timeliness = finished.map { Timeliness.mark(finishedAt: $0, due: legalDue).rawValue }
        let nowLocal = VietnamTime.localDateTime(now)
        // Waiting for a payment the procedure does not count: the clock stands still as for a supplement.
        let clockStopped =
            dossier.status == .supplementRequested
            || (dossier.status == .paymentRequested && events.last { $0.action == .requestPayment }?.details["stopsClock"] == "true")
        overdue = finished == nil && !dossier.status.isFinal && !clockStopped && nowLocal > dossier.appointmentDue
        violation = Lateness.isViolation(
            status: dossier.status,
            due: legalDue,
            apologised: apologyEvent != nil,
            now: nowLocal,
            clockStopped: clockStopped
        )
        appointmentRule = dossier.appointmentRule
        apology = apologyEvent.map { event in
            ApologyView(
                reason: event.reason ?? "",
                at: VietnamTime.format(event.at),
                previousDue: event.details["previousDue"] ?? "",
                newDue: event.details["newDue"] ?? "",
                recordedLate: event.details["recordedLate"] == "true"
            )
        }
        steps = events.map { event in
            let at = VietnamTime.localDateTime(event.at)
            var due: LocalDateTime?
            var mark: Timeliness?
            switch event.action {
            case .transfer:
                due = event.details["stepDue"].flatMap(LocalDateTime.init(iso:))
                mark = due.map { Timeliness.mark(finishedAt: at, due: $0) }
            case .markResultReady:
                due = legalDue
                mark = Timeliness.mark(finishedAt: at, due: legalDue)
            case .apologise:
                mark = event.details["recordedLate"] == "true" ? .late : .onTime
            default:
                break
            }
            return Step(
                action: event.action.rawValue,
                status: Status(event.to),
                at: VietnamTime.format(event.at),
                role: event.actor.roleName,
                office: event.actor.office?.rawValue,
                agency: event.actor.agency,
                reason: reasons || event.action == .apologise ? event.reason : nil,
                due: due.map { VietnamTime.format(VietnamTime.instant($0)) },
                timeliness: mark?.rawValue,
                // The plan is served whole as `plan`, not repeated in the step that recorded it.
                details: event.details.filter { $0.key != StepPlan.detailKey }
            )
        }
    }

    /// An apology moves the date the applicant is given, not the legal one: the result is marked
    /// against the appointment as it stood before the letter.
    static func legalDue(_ dossier: StoredDossier, apology: DossierEvent?) -> LocalDateTime {
        apology?.details["previousDue"].flatMap(LocalDateTime.init(iso:)) ?? dossier.appointmentDue
    }

    /// Until when the view made at `now` stays the same if the dossier does not change: `overdue`
    /// and `violation` turn a minute after the due times, so the earliest due time still ahead.
    static func stableUntil(_ dossier: StoredDossier, events: [DossierEvent], now: Date) -> Date {
        let legal = legalDue(dossier, apology: events.first { $0.action == .apologise })
        let turns = [dossier.appointmentDue, legal].map { VietnamTime.instant($0).addingTimeInterval(60) }.filter { $0 > now }
        return turns.min() ?? .distantFuture
    }
}

/// The whole dossier, for its applicant (code + secret) or for staff with it in scope (logged).
struct DossierFullView: Encodable, Sendable {
    struct ApplicantView: Encodable, Sendable {
        let kind: String
        let name: String
        let idKind: String
        let idNumber: String
        @ExplicitNull var taxCode: String?
        @ExplicitNull var phone: String?
        @ExplicitNull var address: String?
        let homeUnit: String
    }

    struct DeliveryView: Encodable, Sendable {
        let kind: String
        @ExplicitNull var office: String?
        @ExplicitNull var address: String?
    }

    let dossier: DossierPublicView
    let applicant: ApplicantView
    let delivery: DeliveryView

    /// The personal data this view reveals, for the access log.
    static let kinds: Set<PersonalDataKind> = [.name, .idNumber, .phone, .address]

    /// Reads the real values: call only inside ``PersonalDataGate/read`` or for the applicant's own secret.
    init(_ dossier: StoredDossier, events: [DossierEvent], now: Date) {
        self.dossier = DossierPublicView(dossier, events: events, now: now, reasons: true)
        let a = dossier.applicant
        applicant = ApplicantView(
            kind: a.kind.rawValue,
            name: a.name.revealed,
            idKind: a.id.revealed.kind.rawValue,
            idNumber: a.id.revealed.value,
            taxCode: a.taxCode?.value,
            phone: a.phone?.revealed.value,
            address: a.address?.revealed,
            homeUnit: a.homeUnit
        )
        switch dossier.delivery {
        case .office(let code): delivery = DeliveryView(kind: "office", office: code.rawValue, address: nil)
        case .post(let address): delivery = DeliveryView(kind: "post", office: nil, address: address.revealed)
        case .electronic: delivery = DeliveryView(kind: "electronic", office: nil, address: nil)
        }
    }
}

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

    struct Step: Encodable, Sendable {
        let action: String
        let status: Status
        let at: String
        let role: String
        @ExplicitNull var office: String?
        @ExplicitNull var agency: String?
        @ExplicitNull var reason: String?
    }

    let code: String
    let procedure: String
    let receivingOffice: String
    let agency: String
    let channel: String
    let status: Status
    let receivedAt: String
    let appointmentDate: String
    let due: String
    /// `early`, `onTime` or `late` once the result is ready; null while in progress.
    @ExplicitNull var timeliness: String?
    /// True while unfinished and past the due time (as of `now`).
    let overdue: Bool
    let steps: [Step]

    init(_ dossier: StoredDossier, events: [DossierEvent], now: Date) {
        code = dossier.code.description
        procedure = dossier.procedure.rawValue
        receivingOffice = dossier.office.rawValue
        agency = dossier.agency
        channel = dossier.channel.rawValue
        status = Status(dossier.status)
        receivedAt = VietnamTime.format(dossier.receivedAt)
        appointmentDate = dossier.appointmentDue.date.description
        due = VietnamTime.format(VietnamTime.instant(dossier.appointmentDue))
        let finished = events.first { $0.action == .markResultReady }.map { VietnamTime.localDateTime($0.at) }
        timeliness = finished.map { Timeliness.mark(finishedAt: $0, due: dossier.appointmentDue).rawValue }
        overdue = finished == nil && !dossier.status.isFinal && VietnamTime.localDateTime(now) > dossier.appointmentDue
        steps = events.map { event in
            Step(
                action: event.action.rawValue,
                status: Status(event.to),
                at: VietnamTime.format(event.at),
                role: event.actor.role.rawValue,
                office: event.actor.office?.rawValue,
                agency: event.actor.agency,
                reason: event.reason
            )
        }
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
        self.dossier = DossierPublicView(dossier, events: events, now: now)
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

import Foundation
import PASCDomain

/// Dossiers, their submissions and their events. An accepted dossier, its code, its receipt data
/// and its first event are written in one transaction: there is no accepted dossier without them.
public protocol DossierStore: Sendable {
    /// Takes the receiving office's next daily sequence number for `day`, stores the dossier and its
    /// first event, and returns the code. Safe under concurrency on one SQLite file and across
    /// several servers on one PostgreSQL database.
    func acceptDossier(_ dossier: NewDossier) async throws -> DossierCode
    func dossier(_ code: DossierCode) async throws -> StoredDossier?
    /// The dossier's events, oldest first.
    func events(of code: DossierCode) async throws -> [DossierEvent]
    /// Appends `event` and moves the dossier from `event.from` to `event.to` (and its appointment to
    /// `newDue` when given), only if it is still in `event.from`: otherwise
    /// ``StoreError/changedMeanwhile(kind:code:)``, so two clerks cannot both act on one state.
    func applyEvent(_ event: DossierEvent, to code: DossierCode, newDue: LocalDateTime?, dueRule: String?) async throws
    /// Codes of the dossiers received at an office on a day, in sequence order.
    func dossierCodes(office: OfficeCode, day: LocalDate) async throws -> [DossierCode]
}

/// What acceptance stores.
public struct NewDossier: Sendable {
    public let submissionID: String
    public let procedure: ProcedureCode
    public let office: OfficeCode
    public let day: LocalDate
    public let channel: SubmissionChannel
    public let applicant: Applicant
    public let agency: String
    public let receivedAt: Date
    public let appointment: Appointment
    public let delivery: ResultDelivery
    /// The access secret's digest, bound to the code by ``ApplicantAccess`` once the code is known.
    public let secretDigest: @Sendable (DossierCode) -> String
    public let receivedBy: EventActor

    public init(
        submissionID: String,
        procedure: ProcedureCode,
        office: OfficeCode,
        day: LocalDate,
        channel: SubmissionChannel,
        applicant: Applicant,
        agency: String,
        receivedAt: Date,
        appointment: Appointment,
        delivery: ResultDelivery,
        secretDigest: @escaping @Sendable (DossierCode) -> String,
        receivedBy: EventActor
    ) {
        self.submissionID = submissionID
        self.procedure = procedure
        self.office = office
        self.day = day
        self.channel = channel
        self.applicant = applicant
        self.agency = agency
        self.receivedAt = receivedAt
        self.appointment = appointment
        self.delivery = delivery
        self.secretDigest = secretDigest
        self.receivedBy = receivedBy
    }
}

/// A dossier as stored.
public struct StoredDossier: Sendable {
    public let code: DossierCode
    public let submissionID: String
    public let procedure: ProcedureCode
    public let office: OfficeCode
    public let agency: String
    public let status: DossierStatus
    public let channel: SubmissionChannel
    public let applicant: Applicant
    public let receivedAt: Date
    public let appointmentDue: LocalDateTime
    public let delivery: ResultDelivery
    public let secretDigest: String

    public init(
        code: DossierCode,
        submissionID: String,
        procedure: ProcedureCode,
        office: OfficeCode,
        agency: String,
        status: DossierStatus,
        channel: SubmissionChannel,
        applicant: Applicant,
        receivedAt: Date,
        appointmentDue: LocalDateTime,
        delivery: ResultDelivery,
        secretDigest: String
    ) {
        self.code = code
        self.submissionID = submissionID
        self.procedure = procedure
        self.office = office
        self.agency = agency
        self.status = status
        self.channel = channel
        self.applicant = applicant
        self.receivedAt = receivedAt
        self.appointmentDue = appointmentDue
        self.delivery = delivery
        self.secretDigest = secretDigest
    }
}

import Foundation
import PASCDomain

/// Dossiers, their submissions and their events. An accepted dossier, its code, its receipt data
/// and its first event are written in one transaction: there is no accepted dossier without them.
public protocol DossierStore: Sendable {
    /// Takes the receiving office's next daily sequence number for `day`, stores the dossier and its
    /// first event, and returns the code. Safe under concurrency on one SQLite file and across
    /// several servers on one PostgreSQL database.
    func acceptDossier(_ dossier: NewDossier) async throws -> DossierCode
    /// Many accepted dossiers with their later history in one transaction (the demo generator):
    /// each gets its code as ``acceptDossier(_:)`` gives it, then its events and final status.
    func importDossiers(_ items: [ImportedDossier]) async throws -> [DossierCode]
    func dossier(_ code: DossierCode) async throws -> StoredDossier?
    /// The dossier's events, oldest first.
    func events(of code: DossierCode) async throws -> [DossierEvent]
    /// The dossier and its events read together (one trip to the database); nil for an unknown code.
    func dossierWithEvents(_ code: DossierCode) async throws -> (StoredDossier, [DossierEvent])?
    /// Every committed change to a dossier, for copies of its public view.
    func dossierChanges() -> DossierChangeHub
    /// Appends `event` and moves the dossier from `event.from` to `event.to` with `update`, only if
    /// it is still in `event.from` (and, for an apology or an alert, has none yet): otherwise
    /// ``StoreError/changedMeanwhile(kind:code:)``, so two clerks cannot both act on one state.
    func applyEvent(_ event: DossierEvent, to code: DossierCode, update: DossierUpdate) async throws
    /// Codes of the dossiers received at an office on a day, in sequence order.
    func dossierCodes(office: OfficeCode, day: LocalDate) async throws -> [DossierCode]
    /// Unfinished dossiers due by `horizon` that have not alerted their agency yet, soonest first.
    func dossiersToAlert(dueBy horizon: LocalDateTime, limit: Int) async throws -> [DossierCode]
    /// An agency's dossiers in `statuses`, soonest due first; `after` continues from a previous page.
    func inbox(agency: String, statuses: Set<DossierStatus>, after: InboxCursor?, limit: Int) async throws -> [StoredDossier]
    /// An applicant's dossiers by ID number, newest first (the counter's lost-receipt lookup).
    func dossiers(applicantID: String, limit: Int) async throws -> [StoredDossier]
    /// Stores a new access secret's digest (the counter reset it after checking the applicant's ID).
    func replaceSecret(of code: DossierCode, digest: String) async throws
}

/// An accepted dossier and what happened to it afterwards.
public struct ImportedDossier: Sendable {
    public let dossier: NewDossier
    /// Events after acceptance, oldest first; the last one's status is the dossier's.
    public let later: [DossierEvent]
    /// The appointment after the history (a supplement pause moves it).
    public let due: LocalDateTime
    public let dueRule: String?
    /// When the result was ready, against the legal date, if it was.
    public var finish: DossierFinish?

    public init(dossier: NewDossier, later: [DossierEvent], due: LocalDateTime, dueRule: String?) {
        self.dossier = dossier
        self.later = later
        self.due = due
        self.dueRule = dueRule
    }
}

/// What a step changes on the dossier besides its status.
public struct DossierUpdate: Sendable {
    public var newDue: LocalDateTime?
    public var dueRule: String?
    /// Marks the dossier apologised; refused if it already is.
    public var apology: Bool
    /// Marks the dossier alerted; refused if it already is.
    public var alert: Bool
    /// Messages written with the step (portal progress record, applicant notification).
    public var outbox: [NewOutboxMessage]
    /// The agency that holds the dossier after a hand-over, and the deadline of its part.
    public var holder: String?
    public var holderDue: LocalDateTime?
    /// The holder the step was decided on: the store refuses the step (``StoreError/changedMeanwhile(kind:code:)``)
    /// when another hand-over moved the dossier since, so two hand-overs from one holder cannot both land.
    public var expectedHolder: String?
    /// Set with the step that makes the result ready: what public statistics count.
    public var finish: DossierFinish?

    public init(
        newDue: LocalDateTime? = nil,
        dueRule: String? = nil,
        apology: Bool = false,
        alert: Bool = false,
        outbox: [NewOutboxMessage] = [],
        holder: String? = nil,
        holderDue: LocalDateTime? = nil
    ) {
        self.newDue = newDue
        self.dueRule = dueRule
        self.apology = apology
        self.alert = alert
        self.outbox = outbox
        self.holder = holder
        self.holderDue = holderDue
    }
}

/// Where an inbox page ended: the last dossier's due time and code.
public struct InboxCursor: Sendable, Equatable {
    public let due: LocalDateTime
    public let code: DossierCode

    public init(due: LocalDateTime, code: DossierCode) {
        self.due = due
        self.code = code
    }
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
    /// The papers handed in, with originals and copies counted.
    public var papers: [HandedPaper] = []
    /// Messages written with the acceptance, once the code is known.
    public var outbox: @Sendable (DossierCode) -> [NewOutboxMessage] = { _ in [] }
    /// The processing plan, recorded with the acceptance; by default the competent agency to the appointment.
    public var plan: StepPlan
    /// The secret salt of the dossier's private commitments in the public log (``LogEntry``).
    public var logSalt: String = LogEntry.newSalt()

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
        self.plan = .single(agency: agency, due: appointment.due)
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
    /// How the current appointment was computed, in Vietnamese (reception rule, supplement pause, apology).
    public var appointmentRule: String = ""
    /// When the agency's apology letter was recorded (at most once).
    public var apologisedAt: Date?
    /// When the lateness sweep alerted the agency.
    public var alertedAt: Date?
    /// The agency holding the dossier now (another one during an inter-agency step), and its part's deadline.
    public var holder: String
    public var holderDue: LocalDateTime

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
        holder = agency
        holderDue = appointmentDue
    }
}

/// A dossier's result against its legal date, kept with the dossier when the result is ready so
/// public statistics count early, on-time and late results and handling days without events.
public struct DossierFinish: Hashable, Sendable {
    public let at: Date
    public let timeliness: Timeliness
    /// Working days from the day after reception through the day the result was ready.
    public let workingDays: Int

    public init(at: Date, timeliness: Timeliness, workingDays: Int) {
        self.at = at
        self.timeliness = timeliness
        self.workingDays = workingDays
    }

    /// The mark is against the legal date: an apology letter moves the applicant's date, not the law's.
    public static func of(receivedAt: Date, finishedAt: Date, legalDue: LocalDateTime, calendar: WorkingCalendar) -> DossierFinish {
        let finished = VietnamTime.localDateTime(finishedAt)
        return DossierFinish(
            at: finishedAt,
            timeliness: Timeliness.mark(finishedAt: finished, due: legalDue),
            workingDays: calendar.workingDays(after: VietnamTime.localDateTime(receivedAt).date, through: finished.date)
        )
    }

    /// From a dossier's events: the first result-ready step, against the date before any apology.
    public static func of(_ dossier: StoredDossier, events: [DossierEvent], calendar: WorkingCalendar) -> DossierFinish? {
        guard let ready = events.first(where: { $0.action == .markResultReady }) else { return nil }
        return of(receivedAt: dossier.receivedAt, finishedAt: ready.at, legalDue: legalDue(dossier, events: events), calendar: calendar)
    }

    /// The appointment as it stood before any apology letter moved it.
    public static func legalDue(_ dossier: StoredDossier, events: [DossierEvent]) -> LocalDateTime {
        events.first { $0.action == .apologise }?.details["previousDue"].flatMap(LocalDateTime.init(iso:)) ?? dossier.appointmentDue
    }
}

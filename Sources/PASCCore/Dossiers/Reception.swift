import Foundation
import PASCDomain

/// Receiving a dossier at any office: the scope check (boundary-free or the home area), the
/// competent agency, the appointment counted in working days, and the officer's decision: a
/// request to complete the papers, a refusal, or acceptance with its code, receipt and access
/// secret in one transaction. Every outcome, guidance included, is recorded against the submission.
public struct Reception: Sendable {
    public let store: any Store & DossierStore & SubmissionStore
    public let calendar: CalendarService
    public let access: ApplicantAccess
    public let clock: any Clock
    /// Offices and agencies, cached (see ``NetworkCache``).
    public let network: NetworkCache

    public init(
        store: any Store & DossierStore & SubmissionStore,
        calendar: CalendarService,
        access: ApplicantAccess,
        clock: any Clock,
        network: NetworkCache? = nil
    ) {
        self.network = network ?? NetworkCache(store: store, clock: clock)
        self.store = store
        self.calendar = calendar
        self.access = access
        self.clock = clock
    }

    public struct Request: Sendable {
        public var procedure: ProcedureCode
        public var office: OfficeCode
        public var channel: SubmissionChannel
        public var applicant: Applicant
        /// GSO code of the unit where the land or building is, for property procedures.
        public var propertyUnit: String?
        public var delivery: ResultDelivery
        public var papers: [HandedPaper]
        public var decision: ReceptionDecision
        /// The submission this continues (papers brought after a request to complete); nil for a new one.
        public var submissionID: String?

        public init(
            procedure: ProcedureCode,
            office: OfficeCode,
            channel: SubmissionChannel,
            applicant: Applicant,
            propertyUnit: String? = nil,
            delivery: ResultDelivery,
            papers: [HandedPaper] = [],
            decision: ReceptionDecision = .accept,
            submissionID: String? = nil
        ) {
            self.procedure = procedure
            self.office = office
            self.channel = channel
            self.applicant = applicant
            self.propertyUnit = propertyUnit
            self.delivery = delivery
            self.papers = papers
            self.decision = decision
            self.submissionID = submissionID
        }
    }

    /// What the applicant takes away: the code, the access secret (shown once, stored as a
    /// digest), the appointment and the agency that decides.
    public struct Receipt: Sendable {
        public let code: DossierCode
        public let secret: AccessSecret
        public let appointment: Appointment
        public let agency: Agency
        public let procedure: Procedure
        public let receivedAt: Date
        public let submissionID: String
    }

    public enum Outcome: Sendable {
        case accepted(Receipt)
        /// Not receivable here: the offices that may receive it, nearest first.
        case guidance(procedure: Procedure, offices: [Office], submissionID: String)
        /// Form 02: every missing paper at once; `requestNumber` 2 or more only with a leader's reason.
        case completionRequested(procedure: Procedure, submissionID: String, missing: [String], requestNumber: Int)
        /// Form 03: refused with reason and legal basis.
        case refused(procedure: Procedure, submissionID: String, reason: String, legalBasis: String)
    }

    /// A submission id that does not continue here: unknown, another procedure, or already decided.
    public struct SubmissionMismatch: Error, Equatable, Sendable {
        public let submissionID: String
        public let message: String
        public let messageEn: String
    }

    public func receive(_ request: Request, by actor: EventActor) async throws -> Outcome {
        guard let procedure = try await network.procedure(request.procedure) else {
            throw StoreError.notFound(kind: "procedure", code: request.procedure.rawValue)
        }
        let (offices, agencies) = try await network.network()
        // From the cache; an office created on another server in the last minute is read from the store.
        func findOffice(_ code: OfficeCode) async throws -> Office? {
            if let cached = offices.first(where: { $0.code == code }) { return cached }
            return try await store.office(code)
        }
        guard let office = try await findOffice(request.office) else {
            throw StoreError.notFound(kind: "office", code: request.office.rawValue)
        }
        if case .office(let returnOffice) = request.delivery, try await findOffice(returnOffice) == nil {
            throw ValidationErrors([
                ValidationError(
                    field: "delivery/office",
                    message: "Không có đơn vị mã \(returnOffice) để trả kết quả.",
                    messageEn: "No office \(returnOffice) to return the result at."
                )
            ])
        }
        // The unit whose agency decides: the property's for property procedures, else the applicant's home.
        let relevantUnit = procedure.competenceBasis == .propertyLocation ? request.propertyUnit : request.applicant.homeUnit
        let unit = try await relevantUnit.asyncMap { try await network.unit($0) } ?? nil
        if relevantUnit != nil, unit == nil {
            let field = procedure.competenceBasis == .propertyLocation ? "propertyUnit" : "applicant/homeUnit"
            throw ValidationErrors([
                ValidationError(
                    field: field,
                    message: "Không có đơn vị hành chính mã \(relevantUnit!) trong tỉnh.",
                    messageEn: "No administrative unit \(relevantUnit!) in the province."
                )
            ])
        }
        let scope = ReceptionScope.check(
            boundaryFree: procedure.isBoundaryFree,
            receivingOffice: office.code,
            relevantUnitOffice: unit?.homeOfficeCode,
            tree: OfficeTree(offices: offices)
        )
        let submissionID = try await continuedSubmission(request) ?? UUID().uuidString.lowercased()
        func step(_ outcome: SubmissionOutcome, _ details: [String: String], allowRepeat: Bool = false) -> SubmissionStep {
            SubmissionStep(
                id: submissionID,
                procedure: procedure.code,
                office: office.code,
                channel: request.channel,
                applicant: request.applicant,
                papers: request.papers,
                outcome: outcome,
                at: clock.now(),
                actor: actor,
                details: details,
                allowRepeat: allowRepeat
            )
        }
        if case .guidance(let codes) = scope {
            let byCode = Dictionary(uniqueKeysWithValues: offices.map { ($0.code, $0) })
            let named = codes.compactMap { byCode[$0] }
            try await store.recordSubmissionStep(step(.guidance, ["offices": named.map(\.code.rawValue).joined(separator: ",")]))
            return .guidance(procedure: procedure, offices: named, submissionID: submissionID)
        }
        switch request.decision {
        case .accept:
            break
        case .requestCompletion(let missing, let overrideReason):
            // Only the office's leader may ask a second time, and only with a reason.
            let override = overrideReason != nil && actor.role == .leader
            var details = ["missingPapers": missing.joined(separator: "\n")]
            if override, let overrideReason { details["leaderReason"] = overrideReason }
            let number = try await store.recordSubmissionStep(step(.completionRequested, details, allowRepeat: override))
            return .completionRequested(procedure: procedure, submissionID: submissionID, missing: missing, requestNumber: number)
        case .refuse(let reason, let legalBasis):
            try await store.recordSubmissionStep(step(.refused, ["reason": reason, "legalBasis": legalBasis]))
            return .refused(procedure: procedure, submissionID: submissionID, reason: reason, legalBasis: legalBasis)
        }
        let now = clock.now()
        let working = try await calendar.calendar()
        let (agency, appointment) = try Self.assign(
            procedure,
            office: office,
            applicantHomeUnit: request.applicant.homeUnit,
            propertyUnit: request.propertyUnit,
            agencies: agencies,
            calendar: working,
            at: now
        )
        var generator = SystemRandomNumberGenerator()
        let secret = AccessSecret.generate(using: &generator)
        let access = access
        var new = NewDossier(
            submissionID: submissionID,
            procedure: procedure.code,
            office: office.code,
            day: VietnamTime.localDate(now),
            channel: request.channel,
            applicant: request.applicant,
            agency: agency.code,
            receivedAt: now,
            appointment: appointment,
            delivery: request.delivery,
            secretDigest: { code in access.digest(code: code.description, secret: secret) },
            receivedBy: actor
        )
        new.papers = request.papers
        new.plan = StepPlan.make(for: procedure, lead: agency, among: agencies, appointment: appointment, calendar: working)
        let applicant = request.applicant
        new.outbox = { code in
            let accepted = DossierEvent(action: .accept, from: .registered, to: .accepted, actor: actor, at: now, reason: nil, attachments: [])
            return [
                PortalProgressRecord.make(
                    code: code,
                    procedure: procedure.code,
                    office: office.code,
                    agency: agency.code,
                    channel: request.channel,
                    applicantKind: applicant.kind,
                    idKind: applicant.id.revealed.kind,
                    receivedAt: now,
                    due: appointment.due,
                    events: [accepted]
                )
            ]
        }
        let code = try await store.acceptDossier(new)
        return .accepted(
            Receipt(
                code: code,
                secret: secret,
                appointment: appointment,
                agency: agency,
                procedure: procedure,
                receivedAt: now,
                submissionID: submissionID
            )
        )
    }
}

extension Reception {
    /// The competent agency and the appointment of an accepted dossier: the rules every
    /// acceptance goes through, also the demo history generator's.
    public static func assign(
        _ procedure: Procedure,
        office: Office,
        applicantHomeUnit: String,
        propertyUnit: String?,
        agencies: [Agency],
        calendar: WorkingCalendar,
        at now: Date
    ) throws(ValidationErrors) -> (Agency, Appointment) {
        let facts = CompetentAgency.Facts(applicantHomeUnit: applicantHomeUnit, propertyUnit: propertyUnit, receivingUnit: office.unitCode)
        let agency: Agency
        do throws(ValidationError) {
            agency = try CompetentAgency.resolve(procedure, facts: facts, agencies: agencies)
        } catch {
            throw ValidationErrors([error])
        }
        return (agency, Appointment.count(procedure.timeLimit, submittedAt: VietnamTime.localDateTime(now), calendar: calendar))
    }

    /// The submission a request continues, checked: it exists, is for the same procedure, and was
    /// neither accepted nor refused.
    func continuedSubmission(_ request: Request) async throws -> String? {
        guard let id = request.submissionID else { return nil }
        guard let stored = try await store.submission(id) else {
            throw SubmissionMismatch(submissionID: id, message: "Không có hồ sơ nộp mã \(id).", messageEn: "No submission \(id).")
        }
        guard stored.procedure == request.procedure else {
            throw SubmissionMismatch(
                submissionID: id,
                message: "Hồ sơ nộp \(id) là của thủ tục \(stored.procedure), không phải \(request.procedure).",
                messageEn: "Submission \(id) is for procedure \(stored.procedure), not \(request.procedure)."
            )
        }
        if let code = stored.dossierCode {
            throw SubmissionMismatch(
                submissionID: id,
                message: "Hồ sơ nộp \(id) đã được tiếp nhận: \(code).",
                messageEn: "Submission \(id) was accepted already: \(code)."
            )
        }
        if stored.status == SubmissionOutcome.refused.rawValue {
            throw SubmissionMismatch(submissionID: id, message: "Hồ sơ nộp \(id) đã bị từ chối.", messageEn: "Submission \(id) was refused.")
        }
        return id
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

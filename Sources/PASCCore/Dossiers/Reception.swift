import Foundation
import PASCDomain

/// Receiving a dossier at any office: the scope check (boundary-free or the home area), the
/// competent agency, the appointment counted in working days, and acceptance with its code,
/// receipt and access secret in one transaction.
public struct Reception: Sendable {
    public let store: any Store & DossierStore
    public let calendar: CalendarService
    public let access: ApplicantAccess
    public let clock: any Clock

    public init(store: any Store & DossierStore, calendar: CalendarService, access: ApplicantAccess, clock: any Clock) {
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

        public init(
            procedure: ProcedureCode,
            office: OfficeCode,
            channel: SubmissionChannel,
            applicant: Applicant,
            propertyUnit: String? = nil,
            delivery: ResultDelivery
        ) {
            self.procedure = procedure
            self.office = office
            self.channel = channel
            self.applicant = applicant
            self.propertyUnit = propertyUnit
            self.delivery = delivery
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
    }

    public enum Outcome: Sendable {
        case accepted(Receipt)
        /// Not receivable here: the offices that may receive it, nearest first.
        case guidance(procedure: Procedure, offices: [Office])
    }

    public func receive(_ request: Request, by actor: EventActor) async throws -> Outcome {
        guard let procedure = try await store.procedure(request.procedure) else {
            throw StoreError.notFound(kind: "procedure", code: request.procedure.rawValue)
        }
        guard let office = try await store.office(request.office) else {
            throw StoreError.notFound(kind: "office", code: request.office.rawValue)
        }
        if case .office(let returnOffice) = request.delivery, try await store.office(returnOffice) == nil {
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
        let unit = try await relevantUnit.asyncMap { try await store.unit($0) } ?? nil
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
        let offices = try await store.allOffices(OfficeFilter())
        let scope = ReceptionScope.check(
            boundaryFree: procedure.isBoundaryFree,
            receivingOffice: office.code,
            relevantUnitOffice: unit?.homeOfficeCode,
            tree: OfficeTree(offices: offices)
        )
        if case .guidance(let codes) = scope {
            let byCode = Dictionary(uniqueKeysWithValues: offices.map { ($0.code, $0) })
            return .guidance(procedure: procedure, offices: codes.compactMap { byCode[$0] })
        }
        let agencies = try await store.agencies(page: PageRequest(limit: PageRequest.maximumLimit)).items
        let facts = CompetentAgency.Facts(
            applicantHomeUnit: request.applicant.homeUnit,
            propertyUnit: request.propertyUnit,
            receivingUnit: office.unitCode
        )
        let agency: Agency
        do throws(ValidationError) {
            agency = try CompetentAgency.resolve(procedure, facts: facts, agencies: agencies)
        } catch {
            throw ValidationErrors([error])
        }
        let now = clock.now()
        let appointment = try await calendar.appointment(for: procedure, submittedAt: now)
        var generator = SystemRandomNumberGenerator()
        let secret = AccessSecret.generate(using: &generator)
        let access = access
        let code = try await store.acceptDossier(
            NewDossier(
                submissionID: UUID().uuidString.lowercased(),
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
        )
        return .accepted(Receipt(code: code, secret: secret, appointment: appointment, agency: agency, procedure: procedure, receivedAt: now))
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

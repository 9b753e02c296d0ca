import Foundation
import PASCDomain

/// Which dossiers a public listing shows; nil fields do not filter.
public struct PublicDossierFilter: Hashable, Sendable {
    /// Received at or after / before these times (ISO 8601 with +07:00, as stored).
    public var receivedFrom: String?
    public var receivedBefore: String?
    public var statuses: Set<DossierStatus>?
    public var office: OfficeCode?
    public var agency: String?
    public var procedure: ProcedureCode?
    public var codes: [DossierCode]?

    public init() {}
}

/// The public facts of one dossier, as listed (never the applicant).
public struct PublicDossierRow: Hashable, Sendable {
    public let code: DossierCode
    public let procedure: ProcedureCode
    public let office: OfficeCode
    public let agency: String
    public let status: DossierStatus
    public let receivedAt: String
    /// The appointment as stored (local `YYYY-MM-DDTHH:MM`).
    public let due: LocalDateTime
    /// The time of the latest step.
    public let updatedAt: String

    public init(
        code: DossierCode,
        procedure: ProcedureCode,
        office: OfficeCode,
        agency: String,
        status: DossierStatus,
        receivedAt: String,
        due: LocalDateTime,
        updatedAt: String
    ) {
        self.code = code
        self.procedure = procedure
        self.office = office
        self.agency = agency
        self.status = status
        self.receivedAt = receivedAt
        self.due = due
        self.updatedAt = updatedAt
    }
}

/// The public record read in bulk: listings for Open311 and public statistics.
public protocol PublicRecordStore: Sendable {
    /// Newest first; the cursor continues after the last item.
    func publicDossiers(_ filter: PublicDossierFilter, page: PageRequest) async throws -> Page<PublicDossierRow>
}

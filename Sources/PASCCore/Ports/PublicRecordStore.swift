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

/// What public statistics group by.
public enum StatisticsDimension: String, Sendable, CaseIterable {
    case office, agency, procedure, month
}

/// Which dossiers public statistics count: by receiving office, agency, procedure, and the
/// months (`YYYY-MM`, inclusive) in which they were received.
public struct StatisticsFilter: Hashable, Sendable {
    public var office: OfficeCode?
    public var agency: String?
    public var procedure: ProcedureCode?
    public var fromMonth: String?
    public var toMonth: String?

    public init() {}
}

/// One group's counts. "In progress" and "overdue now" are as of the moment asked.
public struct StatisticsRow: Hashable, Sendable {
    public let key: String
    public var received = 0
    public var early = 0
    public var onTime = 0
    public var late = 0
    public var inProgress = 0
    public var overdueNow = 0
    public var returned = 0
    public var stopped = 0
    public var withdrawn = 0
    /// Sum of handling days over the finished ones (for the mean).
    public var handlingDays = 0
    public var ratings: [Rating.Level: Int] = [:]

    public init(key: String) {
        self.key = key
    }

    public var finished: Int { early + onTime + late }
    public var meanHandlingDays: Double? { finished == 0 ? nil : Double(handlingDays) / Double(finished) }
}

/// The check that matters: every dossier is in the public log.
public struct PublicRecordCounts: Hashable, Sendable {
    public let dossiers: Int
    /// Dossiers whose acceptance is a leaf of the public log.
    public let inPublicLog: Int
    /// Submissions refused at reception: no dossier code, but counted.
    public let refusedAtReception: Int

    public init(dossiers: Int, inPublicLog: Int, refusedAtReception: Int) {
        self.dossiers = dossiers
        self.inPublicLog = inPublicLog
        self.refusedAtReception = refusedAtReception
    }
}

/// The public record read in bulk: listings for Open311 and public statistics.
public protocol PublicRecordStore: Sendable {
    /// Newest first; the cursor continues after the last item.
    func publicDossiers(_ filter: PublicDossierFilter, page: PageRequest) async throws -> Page<PublicDossierRow>
    /// Counts by `dimension`, `now` deciding which unfinished dossiers are overdue.
    func dossierStatistics(by dimension: StatisticsDimension, _ filter: StatisticsFilter, now: LocalDateTime) async throws -> [StatisticsRow]
    func publicRecordCounts() async throws -> PublicRecordCounts
    /// Dossiers whose result is ready but whose finish was never recorded (made before migration 17).
    func dossiersMissingFinish(limit: Int) async throws -> [DossierCode]
    func setFinish(_ code: DossierCode, _ finish: DossierFinish) async throws
}

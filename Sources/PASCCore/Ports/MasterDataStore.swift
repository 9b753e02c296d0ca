import PASCDomain

/// Writes to the master data (offices, procedures, the boundary-free list, announced days) and
/// the change record that goes with each, in one transaction per change.
///
/// Updates are optimistic: the caller passes the value it read, and the store refuses with
/// ``StoreError/changedMeanwhile(kind:code:)`` when someone else changed it since, so the
/// change record's old value is always the value that was really replaced.
public protocol MasterDataStore: Sendable {
    func insertOffice(_ office: Office, change: ChangeRecord) async throws
    func replaceOffice(_ old: Office, with new: Office, change: ChangeRecord) async throws

    func insertProcedure(_ procedure: Procedure, change: ChangeRecord) async throws
    func replaceProcedure(_ old: Procedure, with new: Procedure, change: ChangeRecord) async throws

    /// Stores the decision and its entries; one change record per procedure it touches.
    func insertBoundaryFreeDecision(
        _ decision: BoundaryFreeDecision,
        changes: [ChangeRecord],
        actor: String,
        at: String
    ) async throws -> StoredDecision
    /// Decisions, newest recorded first.
    func boundaryFreeDecisions(page: PageRequest) async throws -> Page<StoredDecision>

    /// Announced days off and make-up workdays of one year, in date order.
    func announcedDays(year: Int) async throws -> [AnnouncedDay]
    func announcedDay(_ date: LocalDate) async throws -> AnnouncedDay?
    /// Every announced day, in date order (a few per year), to build the working calendar.
    func allAnnouncedDays() async throws -> [AnnouncedDay]
    /// Adds or replaces the announced day of that date.
    /// Puts `day` in place of `old` (nil: there was none), refusing with
    /// ``StoreError/changedMeanwhile(kind:code:)`` when the stored day is no longer `old`: the
    /// change record, public in the log, then always says what was really replaced.
    func putAnnouncedDay(_ day: AnnouncedDay, replacing old: AnnouncedDay?, change: ChangeRecord) async throws
    /// Removes it; throws ``StoreError/notFound(kind:code:)`` when there is none.
    func deleteAnnouncedDay(_ date: LocalDate, change: ChangeRecord) async throws
    /// Adds the days of a seed unless any announced day exists; false (nothing written) then.
    func seedAnnouncedDaysIfEmpty(_ days: [AnnouncedDay], actor: String) async throws -> Bool

    /// The change record, newest first, optionally for one entity kind and key.
    func changes(entity: String?, key: String?, page: PageRequest) async throws -> Page<ChangeRecord>
}

/// A boundary-free decision as recorded: its id, who recorded it and when.
public struct StoredDecision: Hashable, Sendable {
    public let id: Int
    public let decision: BoundaryFreeDecision
    public let recordedAt: String
    public let actor: String

    public init(id: Int, decision: BoundaryFreeDecision, recordedAt: String, actor: String) {
        self.id = id
        self.decision = decision
        self.recordedAt = recordedAt
        self.actor = actor
    }
}

/// Every port the server needs, which `SQLStore` implements on both databases.
public typealias PlatformStore = Store & AccountStore & MasterDataStore & AccessLogStore & DossierStore & IdempotencyStore & DocumentStore
    & QueueStore
    & SubmissionStore & OutboxStore & TransparencyLogStore & RatingStore & PublicRecordStore & DashboardStore & MetricsStore

extension MasterDataStore {
    /// Puts a day where none is expected (seeding, tests).
    public func putAnnouncedDay(_ day: AnnouncedDay, change: ChangeRecord) async throws {
        try await putAnnouncedDay(day, replacing: nil, change: change)
    }
}

import PASCDomain

/// Everything PASC keeps, behind one port. Use cases talk to this protocol only; `PASCStore`
/// implements it over SQLite and PostgreSQL and one contract suite holds both to it.
/// Procedures by code: what the lifecycle needs from the catalog (whether a payment stops the clock).
public protocol ProcedureCatalog: Sendable {
    func procedure(_ code: ProcedureCode) async throws -> Procedure?
}

public protocol Store: ProcedureCatalog {
    /// Applies the migrations this build knows and the database lacks, each in its own transaction.
    ///
    /// Throws ``StoreError/databaseNewerThanCode(_:)`` when the database carries a migration this
    /// build does not know: it was written by a newer PASC and must not be touched.
    @discardableResult
    func migrate() async throws -> [String]

    /// The migration versions recorded in the database, oldest first.
    func appliedMigrations() async throws -> [Int]

    /// Answers when the database is reachable (for `/ready`).
    func ping() async throws

    /// Writes the whole network and catalog in one transaction unless the database was seeded before.
    /// Returns false, writing nothing, when it was.
    func seedIfEmpty(_ dataset: NetworkDataset) async throws -> Bool

    /// Whether a seed has been written (and when, as recorded text).
    func seededAt() async throws -> String?

    func offices(_ filter: OfficeFilter, page: PageRequest) async throws -> Page<Office>
    /// Every office matching the filter, for orderings the database cannot do (distance).
    func allOffices(_ filter: OfficeFilter) async throws -> [Office]
    func office(_ code: OfficeCode) async throws -> Office?

    func units(_ filter: UnitFilter, page: PageRequest) async throws -> Page<AdministrativeUnit>
    func unit(_ code: String) async throws -> AdministrativeUnit?

    func agencies(page: PageRequest) async throws -> Page<Agency>
    func agency(_ code: String) async throws -> Agency?

    func procedures(_ filter: ProcedureFilter, page: PageRequest) async throws -> Page<Procedure>
    func procedure(_ code: ProcedureCode) async throws -> Procedure?

    /// Replaces office coordinates with surveyed ones (clears the approximate mark) in one transaction.
    /// Returns the number of offices changed; unknown codes throw before anything is written.
    func updateOfficeLocations(_ locations: [OfficeCode: OfficeLocation]) async throws -> Int

    /// Releases connections.
    func shutdown() async throws
}

/// The network and catalog written by a seed.
public struct NetworkDataset: Sendable {
    public var offices: [Office]
    public var units: [AdministrativeUnit]
    public var agencies: [Agency]
    public var procedures: [Procedure]

    public init(offices: [Office], units: [AdministrativeUnit], agencies: [Agency], procedures: [Procedure]) {
        self.offices = offices
        self.units = units
        self.agencies = agencies
        self.procedures = procedures
    }

    /// The seed's boundary-free list as decisions: the data marks procedures boundary-free by
    /// phase but names no decision, so each phase gets one placeholder marked `demoReference`.
    public var boundaryFreeDecisions: [BoundaryFreeDecision] {
        let byPhase = Dictionary(grouping: procedures.filter { $0.boundaryFreePhase != nil }) { $0.boundaryFreePhase! }
        return byPhase.keys.sorted().compactMap { phase in
            let pilotStart = try! LocalDate(year: 2024, month: 1, day: 1)
            return try? BoundaryFreeDecision(
                number: "DEMO-PĐG-\(phase)",
                signedOn: pilotStart,
                effectiveOn: pilotStart,
                phase: phase,
                additions: byPhase[phase]!.map(\.code),
                removals: [],
                demoReference: true,
                note: "Demo placeholder: the catalog marks these procedures boundary-free but names no decision."
            )
        }
    }
}

/// Office list filters (`level`, `parent`, `areaType`).
public struct OfficeFilter: Hashable, Sendable {
    public var level: OfficeLevel?
    public var parentCode: OfficeCode?
    public var areaType: AreaType?

    public init(level: OfficeLevel? = nil, parentCode: OfficeCode? = nil, areaType: AreaType? = nil) {
        self.level = level
        self.parentCode = parentCode
        self.areaType = areaType
    }
}

/// Administrative unit filters (`level`, `parent`).
public struct UnitFilter: Hashable, Sendable {
    public var level: AdministrativeUnit.Level?
    public var parentCode: String?

    public init(level: AdministrativeUnit.Level? = nil, parentCode: String? = nil) {
        self.level = level
        self.parentCode = parentCode
    }
}

/// Procedure search: free text (diacritics ignored), field, level, boundary-free.
public struct ProcedureFilter: Hashable, Sendable {
    /// Folded search terms; every term must occur.
    public var terms: [String]
    /// Field, compared folded (`ho tich` matches `Hộ tịch`).
    public var field: String?
    public var level: ProcedureLevel?
    public var boundaryFree: Bool?
    /// The search text as typed (its size is checked against ``SearchTextLimits``).
    public var query: String?

    public init(query: String? = nil, field: String? = nil, level: ProcedureLevel? = nil, boundaryFree: Bool? = nil) {
        self.query = query
        self.terms = query.map(TextFolding.searchTerms) ?? []
        self.field = field.map(TextFolding.fold).flatMap { $0.isEmpty ? nil : $0 }
        self.level = level
        self.boundaryFree = boundaryFree
    }
}

/// Failures of the storage layer that callers act on.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The database holds migrations this build does not know (made by a newer PASC).
    case databaseNewerThanCode(unknownVersions: [Int])
    /// The database cannot be opened or reached.
    case unreachable(String)
    /// A referenced record does not exist.
    case notFound(kind: String, code: String)
    /// A record with this key exists already.
    case conflict(kind: String, code: String)
    /// The record changed after the caller read it; read it again and redo the change.
    case changedMeanwhile(kind: String, code: String)

    public var description: String {
        switch self {
        case .databaseNewerThanCode(let versions):
            "the database was created by a newer PASC (it has migrations \(versions.map(String.init).joined(separator: ", ")) that this build does not know); upgrade PASC or use another database"
        case .unreachable(let reason):
            "cannot open the database: \(reason)"
        case .notFound(let kind, let code):
            "no \(kind) with code \(code)"
        case .conflict(let kind, let code):
            "a \(kind) \(code) exists already"
        case .changedMeanwhile(let kind, let code):
            "the \(kind) \(code) was changed by someone else meanwhile; read it again"
        }
    }
}

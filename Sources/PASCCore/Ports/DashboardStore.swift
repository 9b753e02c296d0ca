import PASCDomain

/// Whose counts: the province, an office (the one that received), an agency (the competent one)
/// or a procedure. A branch is the sum of its offices.
public enum TallyScope: Hashable, Sendable, Comparable {
    case province
    case office(OfficeCode)
    case agency(String)
    case procedure(ProcedureCode)

    /// The key in the store's count tables.
    public var key: String {
        switch self {
        case .province: "*"
        case .office(let code): "o:\(code.rawValue)"
        case .agency(let code): "a:\(code)"
        case .procedure(let code): "r:\(code.rawValue)"
        }
    }

    /// The four scopes one dossier is counted in.
    public static func of(office: OfficeCode, agency: String, procedure: ProcedureCode) -> [TallyScope] {
        [.province, .office(office), .agency(agency), .procedure(procedure)]
    }

    public static func < (lhs: TallyScope, rhs: TallyScope) -> Bool { lhs.key < rhs.key }
}

/// The queue's counts of one office over a period.
public struct QueueTotals: Hashable, Sendable {
    public var tickets = 0
    public var called = 0
    public var waitsOver15 = 0
    public var services = 0
    public var serviceSeconds = 0
    /// Counter-days with the counter open.
    public var counterDays = 0
    public var days = 0
    public var waits = WaitHistogram()

    public init() {}

    public mutating func add(_ other: QueueTotals) {
        tickets += other.tickets
        called += other.called
        waitsOver15 += other.waitsOver15
        services += other.services
        serviceSeconds += other.serviceSeconds
        counterDays += other.counterDays
        days = max(days, other.days)
        waits.merge(other.waits)
    }
}

/// The dashboard's reads: sums of the counts kept with every step, never the dossiers or their
/// events (a test pins the query plans).
public protocol DashboardStore: Sendable {
    /// Each scope's counts over the days `from ..< to` (whole months read from month rows).
    func tallies(_ scopes: [TallyScope], from: LocalDate, to: LocalDate) async throws -> [TallyScope: DossierTally]
    /// The counts of all `scopes` together by day or by month (`YYYY-MM-DD` or `YYYY-MM`) over `from ..< to`.
    func tallySeries(_ scopes: [TallyScope], grain: SeriesGrain, from: LocalDate, to: LocalDate) async throws -> [String: DossierTally]
    /// Each scope's dossiers by appointment before `moment`: ever given such a date, and left by it.
    func dueTallies(_ scopes: [TallyScope], before moment: LocalDateTime) async throws -> [TallyScope: DueTally]
    /// Each scope's open dossiers, clock running, due before `moment`.
    func openPastDue(_ scopes: [TallyScope], before moment: LocalDateTime) async throws -> [TallyScope: Int]
    /// Each office's queue counts over the days `from ..< to`.
    func queueTotals(_ offices: [OfficeCode], from: LocalDate, to: LocalDate) async throws -> [OfficeCode: QueueTotals]
    /// Reception officers homed at each office (active accounts).
    func receptionOfficers() async throws -> [OfficeCode: Int]
}

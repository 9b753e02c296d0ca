import PASCDomain
import PASCPlanning

/// One dashboard: the scope's indicators for the period, its national score, the tables below it
/// (offices, agencies, procedures), the series for the chart and the overload list.
public struct DashboardReport: Sendable {
    /// One line of a table: an office, an agency or a procedure.
    public struct Row: Sendable {
        public let key: String
        public let name: String
        public let nameEn: String
        public let areaType: AreaType?
        public let location: Coordinate?
        public let dossiers: DossierIndicators
        public let counters: CounterIndicators?
    }

    public struct SeriesPoint: Sendable {
        /// `YYYY-MM-DD` or `YYYY-MM`.
        public let period: String
        public let tally: DossierTally
    }

    public struct OfficeLoadLine: Sendable {
        public let office: Office
        public let load: OverloadRule.OfficeLoad
        public let assessment: OverloadRule.Assessment
    }

    public struct Overload: Sendable {
        /// The working days looked at, first and last.
        public let first: LocalDate
        public let last: LocalDate
        public let workingDays: Int
        public let offices: [OfficeLoadLine]
        public let moves: [OverloadRule.Move]

        public var overloaded: [OfficeLoadLine] { offices.filter { $0.assessment.load == .overloaded } }
        public var underloaded: [OfficeLoadLine] { offices.filter { $0.assessment.load == .underloaded } }
    }

    public let scope: DashboardScope
    public let scopeName: String
    public let scopeNameEn: String
    public let period: DashboardPeriod
    /// The moment the time-dependent figures are for: the period's end, or now if it has not ended.
    public let moment: LocalDateTime
    public let dossiers: DossierIndicators
    /// Nil for an agency or a procedure (counters belong to offices).
    public let counters: CounterIndicators?
    public let score: NationalScore
    public let offices: [Row]
    public let agencies: [Row]
    public let procedures: [Row]
    public let seriesGrain: SeriesGrain
    public let series: [SeriesPoint]
    public let overload: Overload?
}

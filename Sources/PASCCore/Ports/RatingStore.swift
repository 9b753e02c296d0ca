import Foundation
import PASCDomain

/// Which ratings a summary counts; nil fields do not filter.
public struct RatingFilter: Hashable, Sendable {
    public var office: OfficeCode?
    public var agency: String?
    public var procedure: ProcedureCode?
    /// `YYYY-MM`, the month the rating was given.
    public var month: String?

    public init(office: OfficeCode? = nil, agency: String? = nil, procedure: ProcedureCode? = nil, month: String? = nil) {
        self.office = office
        self.agency = agency
        self.procedure = procedure
        self.month = month
    }
}

/// Public aggregates of ratings: how many at each level, and each criterion's points.
public struct RatingSummary: Hashable, Sendable {
    public var levels: [Rating.Level: Int] = [:]
    /// Ratings that scored the criterion, and the points they gave in all.
    public var criteria: [Rating.Criterion: (count: Int, points: Int)] = [:]

    public init() {}

    public var total: Int { levels.values.reduce(0, +) }

    public static func == (a: RatingSummary, b: RatingSummary) -> Bool {
        a.levels == b.levels && a.criteria.mapValues { [$0.count, $0.points] } == b.criteria.mapValues { [$0.count, $0.points] }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(levels) }
}

public protocol RatingStore: Sendable {
    /// Keeps the dossier's rating; false, changing nothing, if it was rated before.
    func rate(_ code: DossierCode, _ rating: Rating, at: Date) async throws -> Bool
    func rating(of code: DossierCode) async throws -> Rating?
    func ratingSummary(_ filter: RatingFilter) async throws -> RatingSummary
}

import Foundation
import Hummingbird
import PASCCore
import PASCDomain

/// The applicant rates a returned dossier once (code + access secret); anyone reads the
/// aggregates. No route changes or removes a rating.
struct RatingsController: Sendable {
    let ratings: Ratings
    let access: ApplicantAccess
    let store: any RatingStore

    func register(on routes: RouteTable) {
        routes.post("/api/v1/dossiers/{code}/rating", policy: .everyone, use: rate)
        routes.get("/api/v1/statistics/ratings", policy: .everyone, use: summary)
    }

    struct Body: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case level, criteria, comment
        }
        typealias Member = CodingKeys
        let level: String
        let criteria: [String: Int]?
        let comment: String?
    }

    struct RatingView: Encodable, Sendable {
        let code: String
        let level: String
        let levelName: String
        let criteria: [String: Int]
    }

    @Sendable func rate(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), let dossier = try await ratings.dossiers.dossier(code) else {
            throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: raw)
        }
        guard let typed = request.headers[DossiersController.secretHeader] else {
            throw Problem(
                type: "/problems/secret-required",
                title: "Unauthorized",
                status: .unauthorized,
                detail: "Chỉ người nộp hồ sơ (có mã tra cứu in trên giấy tiếp nhận) mới được đánh giá.",
                detailEn: "Only the applicant (with the access secret printed on the receipt) may rate."
            )
        }
        try await access.requireApplicant(of: dossier, typed: typed, address: context.clientAddress)
        let body = try await JSONInput.decodeStrict(Body.self, from: request, context: context)
        var errors = FieldErrors()
        let level = errors.enumValue("/level", body.level, Rating.Level.self)
        var points: [Rating.Criterion: Int] = [:]
        for (key, value) in (body.criteria ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let criterion = errors.enumValue("/criteria/\(key)", key, Rating.Criterion.self) { points[criterion] = value }
        }
        try errors.check()
        let rating: Rating
        do { rating = try Rating(level: level!, points: points, comment: body.comment) } catch { throw Problem.invalid(error) }
        do {
            try await ratings.rate(dossier, rating)
        } catch Ratings.Refusal.notReturned(let status) {
            throw Problem(
                type: "/problems/not-returned",
                title: "Conflict",
                status: .conflict,
                detail: "Hồ sơ được đánh giá sau khi trả kết quả; hiện hồ sơ đang ở trạng thái '\(status.name)'.",
                detailEn: "A dossier is rated after its result was returned; it is now '\(status.nameEn)'."
            )
        } catch Ratings.Refusal.alreadyRated {
            throw Problem(
                type: "/problems/already-rated",
                title: "Conflict",
                status: .conflict,
                detail: "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần và không sửa được.",
                detailEn: "This dossier has been rated already; a dossier is rated once and the rating cannot be changed."
            )
        }
        return try JSONBody.response(
            RatingView(
                code: code.description,
                level: rating.level.rawValue,
                levelName: rating.level.name,
                criteria: Dictionary(uniqueKeysWithValues: rating.points.map { ($0.key.rawValue, $0.value) })
            ),
            status: .created
        )
    }

    struct SummaryView: Encodable, Sendable {
        struct LevelCount: Encodable, Sendable {
            let level: String
            let name: String
            let nameEn: String
            let count: Int
        }

        struct CriterionMean: Encodable, Sendable {
            let criterion: String
            let name: String
            let nameEn: String
            let ratings: Int
            /// Mean points out of 2; null when nobody scored it.
            @ExplicitNull var meanPoints: Double?
        }

        let total: Int
        let levels: [LevelCount]
        let criteria: [CriterionMean]
    }

    static let summaryParameters = ["office", "agency", "procedure", "month"]

    @Sendable func summary(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.summaryParameters)
        var filter = RatingFilter()
        filter.office = query.officeCode("office")
        filter.agency = query.string("agency")
        filter.procedure = query.procedureCode("procedure")
        filter.month = query.month("month")
        try query.finish()
        let summary = try await store.ratingSummary(filter)
        return try JSONBody.response(
            SummaryView(
                total: summary.total,
                levels: Rating.Level.allCases.map {
                    SummaryView.LevelCount(level: $0.rawValue, name: $0.name, nameEn: $0.nameEn, count: summary.levels[$0] ?? 0)
                },
                criteria: Rating.Criterion.allCases.map { criterion in
                    let sum = summary.criteria[criterion]
                    return SummaryView.CriterionMean(
                        criterion: criterion.rawValue,
                        name: criterion.name,
                        nameEn: criterion.nameEn,
                        ratings: sum?.count ?? 0,
                        meanPoints: sum.map { Double($0.points) / Double($0.count) }
                    )
                }
            )
        )
    }
}

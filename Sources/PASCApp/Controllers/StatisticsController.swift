import Foundation
import Hummingbird
import PASCCore
import PASCDomain

/// Public statistics: anyone may read them; no personal data is in any count.
struct StatisticsController: Sendable {
    let statistics: PublicStatistics
    let network: NetworkCache

    static let parameters = ["by", "office", "agency", "procedure", "from", "to"]

    func register(on routes: RouteTable) {
        routes.get("/api/v1/statistics", policy: .everyone, use: show)
    }

    struct RowView: Encodable, Sendable {
        let key: String
        let name: String
        let received: Int
        let finishedEarly: Int
        let finishedOnTime: Int
        let finishedLate: Int
        let inProgress: Int
        let overdueNow: Int
        let returned: Int
        let stopped: Int
        let withdrawn: Int
        /// Working days from reception to result, over the finished ones; null when none finished.
        @ExplicitNull var meanHandlingDays: Double?
        /// (Early + on time) ÷ finished; null when none finished.
        @ExplicitNull var onTimeRate: Double?
        let ratings: [String: Int]
    }

    struct RecordView: Encodable, Sendable {
        let dossiers: Int
        let inPublicLog: Int
        /// True when every dossier is in the public log.
        let complete: Bool
        let refusedAtReception: Int
    }

    struct View: Encodable, Sendable {
        let by: String
        let asOf: String
        let publicRecord: RecordView
        let rows: [RowView]
    }

    @Sendable func show(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.parameters)
        let by = query.enumValue("by", StatisticsDimension.self) ?? .office
        var filter = StatisticsFilter()
        filter.office = query.officeCode("office")
        filter.agency = query.string("agency")
        filter.procedure = query.procedureCode("procedure")
        filter.fromMonth = query.month("from")
        filter.toMonth = query.month("to")
        if let from = filter.fromMonth, let to = filter.toMonth, to < from {
            query.errors.append(ValidationError(field: "to", message: "'to' không được trước 'from'.", messageEn: "'to' must not be before 'from'."))
        }
        try query.finish()
        let rows = try await statistics.rows(by: by, filter)
        let counts = try await statistics.store.publicRecordCounts()
        let (offices, agencies) = try await network.network()
        var names: [String: String] = [:]
        switch by {
        case .office: for office in offices { names[office.code.rawValue] = office.name }
        case .agency: for agency in agencies { names[agency.code] = agency.name }
        case .procedure:
            for row in rows {
                if let code = try? ProcedureCode(row.key) { names[row.key] = try await network.procedure(code)?.name }
            }
        case .month: break
        }
        let view = View(
            by: by.rawValue,
            asOf: VietnamTime.format(statistics.clock.now()),
            publicRecord: RecordView(
                dossiers: counts.dossiers,
                inPublicLog: counts.inPublicLog,
                complete: counts.dossiers == counts.inPublicLog,
                refusedAtReception: counts.refusedAtReception
            ),
            rows: rows.map { row in
                RowView(
                    key: row.key,
                    name: names[row.key] ?? row.key,
                    received: row.received,
                    finishedEarly: row.early,
                    finishedOnTime: row.onTime,
                    finishedLate: row.late,
                    inProgress: row.inProgress,
                    overdueNow: row.overdueNow,
                    returned: row.returned,
                    stopped: row.stopped,
                    withdrawn: row.withdrawn,
                    meanHandlingDays: row.meanHandlingDays,
                    onTimeRate: row.finished == 0 ? nil : Double(row.early + row.onTime) / Double(row.finished),
                    ratings: Dictionary(uniqueKeysWithValues: Rating.Level.allCases.map { ($0.rawValue, row.ratings[$0] ?? 0) })
                )
            }
        )
        return try JSONBody.response(view)
    }
}

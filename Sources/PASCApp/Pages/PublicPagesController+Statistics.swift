import Foundation
import Hummingbird
import PASCCore
import PASCDomain

extension PublicPagesController {
    /// Public statistics for people: by month (default), office, agency or procedure, a chart of
    /// the dossiers finished early, on time, late and in progress, and the whole table; with
    /// whether every dossier is in the public log.
    @Sendable func statisticsPage(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let language = PageLanguage(request)
        let text = pages.text
        let by = Self.query(request, "by").flatMap(StatisticsDimension.init(rawValue:)) ?? .month
        let rows = try await statistics.rows(by: by, StatisticsFilter())
        let counts = try await statistics.store.publicRecordCounts()
        let (offices, agencies) = try await network.network()
        var names: [String: String] = [:]
        switch by {
        case .office: for office in offices { names[office.code.rawValue] = language == .vi ? office.name : office.nameEn }
        case .agency: for agency in agencies { names[agency.code] = language == .vi ? agency.name : agency.nameEn }
        case .procedure:
            for row in rows {
                if let code = try? ProcedureCode(row.key), let procedure = try await network.procedure(code) {
                    names[row.key] = language == .vi ? procedure.name : procedure.nameEn
                }
            }
        case .month:
            for row in rows { names[row.key] = String(row.key.suffix(2)) + "/" + String(row.key.prefix(4)) }
        }
        // The chart: months in order (the last 12), other dimensions the 15 that received most.
        let charted = by == .month ? Array(rows.sorted { $0.key < $1.key }.suffix(12)) : Array(rows.sorted { $0.received > $1.received }.prefix(15))
        let title = text.text("stats_chart_title", language, text.text("stats_by_" + by.rawValue, language))
        let chart = StatisticsChart.svg(
            charted.map {
                StatisticsChart.Bar(label: names[$0.key] ?? $0.key, early: $0.early, onTime: $0.onTime, late: $0.late, inProgress: $0.inProgress)
            },
            title: title,
            legend: (
                text.text("stats_early", language), text.text("stats_on_time", language), text.text("stats_late", language),
                text.text("stats_in_progress", language)
            )
        )
        let table: [[String: Any]] = (by == .month ? rows.sorted { $0.key > $1.key } : rows.sorted { $0.received > $1.received }).map { row in
            [
                "name": names[row.key] ?? row.key,
                "received": row.received,
                "early": row.early,
                "onTime": row.onTime,
                "late": row.late,
                "inProgress": row.inProgress,
                "overdueNow": row.overdueNow,
                "rate": row.finished == 0 ? "—" : String(format: "%.1f %%", Double(row.early + row.onTime) * 100 / Double(row.finished)),
                "days": row.meanHandlingDays.map { String(format: "%.1f", $0) } ?? "—",
            ]
        }
        let values: [String: Any] = [
            "dimensions": StatisticsDimension.allCases.map {
                ["value": $0.rawValue, "label": text.text("stats_by_" + $0.rawValue, language), "current": $0 == by]
            },
            "chart": chart,
            "chartTitle": title,
            "rows": table,
            "dossiers": counts.dossiers,
            "complete": counts.dossiers == counts.inPublicLog,
            "inLog": counts.inPublicLog,
            "asOf": PageFormat.dateTime(clock.now()),
            "json": "/api/v1/statistics?by=\(by.rawValue)",
        ]
        return try pages.page("statistics", title: "stats_title", values: values, request: request)
    }
}

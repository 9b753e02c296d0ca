import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: PublicRecordStore {
    public func publicDossiers(_ filter: PublicDossierFilter, page: PageRequest) async throws -> Page<PublicDossierRow> {
        var sql: SQLQueryString = """
            SELECT d.code, d.procedure_code, d.office_code, d.agency_code, d.status, d.received_at, d.appointment_due,
                (SELECT max(e.at) FROM dossier_events e WHERE e.dossier_code = d.code) AS updated_at
            FROM dossiers d WHERE 1 = 1
            """
        if let from = filter.receivedFrom { sql += " AND d.received_at >= \(bind: from)" }
        if let before = filter.receivedBefore { sql += " AND d.received_at < \(bind: before)" }
        if let statuses = filter.statuses { sql += " AND d.status IN (\(binds: statuses.map(\.rawValue).sorted()))" }
        if let office = filter.office { sql += " AND d.office_code = \(bind: office.rawValue)" }
        if let agency = filter.agency { sql += " AND d.agency_code = \(bind: agency)" }
        if let procedure = filter.procedure { sql += " AND d.procedure_code = \(bind: procedure.rawValue)" }
        if let codes = filter.codes { sql += " AND d.code IN (\(binds: codes.map(\.description)))" }
        // Keyset paging: the cursor is the last item's reception time and code.
        if case .after(let key) = page.cursor {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                sql += " AND (d.received_at < \(bind: parts[0]) OR (d.received_at = \(bind: parts[0]) AND d.code < \(bind: parts[1])))"
            }
        }
        sql += " ORDER BY d.received_at DESC, d.code DESC LIMIT \(literal: page.limit + 1)"
        let query = sql
        let rows = try await backend.withSession { db in
            try await db.raw(query).all().map { row -> PublicDossierRow in
                let code = try DossierCode(row.decode(column: "code", as: String.self))
                let due = try row.decode(column: "appointment_due", as: String.self)
                guard let dueTime = LocalDateTime(iso: due) else {
                    throw CorruptRecord(table: "dossiers", key: code.description, reason: "appointment_due \(due)")
                }
                let receivedAt = try row.decode(column: "received_at", as: String.self)
                return PublicDossierRow(
                    code: code,
                    procedure: try ProcedureCode(row.decode(column: "procedure_code", as: String.self)),
                    office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
                    agency: try row.decode(column: "agency_code", as: String.self),
                    status: try enumValue(row, "status"),
                    receivedAt: receivedAt,
                    due: dueTime,
                    updatedAt: try row.decode(column: "updated_at", as: String?.self) ?? receivedAt
                )
            }
        }
        let items = Array(rows.prefix(page.limit))
        return Page(items: items, nextCursor: rows.count > page.limit ? items.last.map { .after("\($0.receivedAt)|\($0.code)") } : nil)
    }
}

extension SQLStore {
    public func dossierStatistics(by dimension: StatisticsDimension, _ filter: StatisticsFilter, now: LocalDateTime) async throws -> [StatisticsRow] {
        let key: SQLQueryString =
            switch dimension {
            case .office: "office_code"
            case .agency: "agency_code"
            case .procedure: "procedure_code"
            case .month: "substr(received_at, 1, 7)"
            }
        var conditions: SQLQueryString = "1 = 1"
        if let office = filter.office { conditions += " AND office_code = \(bind: office.rawValue)" }
        if let agency = filter.agency { conditions += " AND agency_code = \(bind: agency)" }
        if let procedure = filter.procedure { conditions += " AND procedure_code = \(bind: procedure.rawValue)" }
        if let from = filter.fromMonth { conditions += " AND received_at >= \(bind: from)" }
        // "2026-09" < "2026-09-30T…" < "2026-09~": the whole last month is in.
        if let to = filter.toMonth { conditions += " AND received_at < \(bind: to + "~")" }
        let unfinished = DossierStatus.unfinished.map(\.rawValue).sorted()
        let running = DossierStatus.allCases.filter(\.clockRunsByDefault).map(\.rawValue).sorted()
        let dossiers: SQLQueryString = """
            SELECT \(key) AS k, count(*) AS received,
                sum(CASE WHEN timeliness = 'early' THEN 1 ELSE 0 END) AS early,
                sum(CASE WHEN timeliness = 'onTime' THEN 1 ELSE 0 END) AS on_time,
                sum(CASE WHEN timeliness = 'late' THEN 1 ELSE 0 END) AS late,
                sum(CASE WHEN status IN (\(binds: unfinished)) THEN 1 ELSE 0 END) AS in_progress,
                sum(CASE WHEN status IN (\(binds: running)) AND appointment_due < \(bind: now.description) THEN 1 ELSE 0 END) AS overdue,
                sum(CASE WHEN status = 'returned' THEN 1 ELSE 0 END) AS returned,
                sum(CASE WHEN status = 'stopped' THEN 1 ELSE 0 END) AS stopped,
                sum(CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn,
                CAST(sum(CASE WHEN timeliness IS NOT NULL THEN handling_days ELSE 0 END) AS BIGINT) AS handling_days
            FROM dossiers WHERE \(conditions) GROUP BY \(key) ORDER BY k
            """
        // Ratings by the same key (the month a rating was given, for months).
        let ratingKey: SQLQueryString =
            switch dimension {
            case .office: "office_code"
            case .agency: "agency_code"
            case .procedure: "procedure_code"
            case .month: "month"
            }
        var ratingConditions: SQLQueryString = "1 = 1"
        if let office = filter.office { ratingConditions += " AND office_code = \(bind: office.rawValue)" }
        if let agency = filter.agency { ratingConditions += " AND agency_code = \(bind: agency)" }
        if let procedure = filter.procedure { ratingConditions += " AND procedure_code = \(bind: procedure.rawValue)" }
        if let from = filter.fromMonth { ratingConditions += " AND month >= \(bind: from)" }
        if let to = filter.toMonth { ratingConditions += " AND month <= \(bind: to)" }
        let ratings: SQLQueryString =
            "SELECT \(ratingKey) AS k, level, count(*) AS n FROM ratings WHERE \(ratingConditions) GROUP BY \(ratingKey), level"
        return try await backend.withSession { db in
            var rows: [String: StatisticsRow] = [:]
            for row in try await db.raw(dossiers).all() {
                var stats = StatisticsRow(key: try row.decode(column: "k", as: String.self))
                stats.received = try row.decode(column: "received", as: Int.self)
                stats.early = try row.decode(column: "early", as: Int?.self) ?? 0
                stats.onTime = try row.decode(column: "on_time", as: Int?.self) ?? 0
                stats.late = try row.decode(column: "late", as: Int?.self) ?? 0
                stats.inProgress = try row.decode(column: "in_progress", as: Int?.self) ?? 0
                stats.overdueNow = try row.decode(column: "overdue", as: Int?.self) ?? 0
                stats.returned = try row.decode(column: "returned", as: Int?.self) ?? 0
                stats.stopped = try row.decode(column: "stopped", as: Int?.self) ?? 0
                stats.withdrawn = try row.decode(column: "withdrawn", as: Int?.self) ?? 0
                stats.handlingDays = try row.decode(column: "handling_days", as: Int?.self) ?? 0
                rows[stats.key] = stats
            }
            for row in try await db.raw(ratings).all() {
                let key = try row.decode(column: "k", as: String.self)
                let level: Rating.Level = try enumValue(row, "level")
                rows[key, default: StatisticsRow(key: key)].ratings[level] = try row.decode(column: "n", as: Int.self)
            }
            return rows.values.sorted { $0.key < $1.key }
        }
    }

    public func publicRecordCounts() async throws -> PublicRecordCounts {
        try await backend.withSession { db in
            let dossiers = try await db.raw("SELECT count(*) AS n FROM dossiers").first()?.decode(column: "n", as: Int.self) ?? 0
            let logged =
                try await db.raw(
                    "SELECT count(*) AS n FROM log_leaves WHERE kind = \(bind: LogEntry.Kind.dossierEvent.rawValue) AND ordinal = 0"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            let refused =
                try await db.raw("SELECT count(*) AS n FROM submissions WHERE status = 'refused'").first()?.decode(column: "n", as: Int.self) ?? 0
            return PublicRecordCounts(dossiers: dossiers, inPublicLog: logged, refusedAtReception: refused)
        }
    }

    public func dossiersMissingFinish(limit: Int) async throws -> [DossierCode] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                "SELECT code FROM dossiers WHERE finished_at IS NULL AND status IN ('resultReady', 'returned') ORDER BY code LIMIT \(literal: limit)"
            ).all()
            return try Self.codes(rows)
        }
    }

    public func setFinish(_ code: DossierCode, _ finish: DossierFinish) async throws {
        try await backend.transaction { db in
            try await db.raw(
                """
                UPDATE dossiers SET finished_at = \(bind: VietnamTime.format(finish.at)), timeliness = \(bind: finish.timeliness.rawValue),
                    handling_days = \(bind: finish.workingDays)
                WHERE code = \(bind: code.description) AND finished_at IS NULL
                """
            ).run()
        }
    }
}

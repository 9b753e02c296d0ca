import PASCCore
import PASCDomain
import SQLKit

/// Every query the dashboard runs, in one place, so the plan test (`explainDashboardQueries`)
/// checks exactly what the reads run: counts and roll-ups through their keys, never the
/// dossiers or their events. A new dashboard read adds its query here and to the plan list.
enum DashboardQueries {
    /// What a sum of counts is grouped by: each scope, or each day or month.
    enum Grouping: String {
        case scope, period
    }

    /// The counts of `keys` in the rows of one grain over `from ..< to`, summed per scope or per period.
    static func tallies(keys: [String], grain: String, from: String, to: String, by grouping: Grouping) -> SQLQueryString {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: grouping.rawValue)"
        for column in DossierTally.columns { sql += ", CAST(sum(\(unsafeRaw: column.name)) AS BIGINT) AS \(unsafeRaw: column.name)" }
        sql += """
             FROM dossier_tallies WHERE grain = \(bind: grain) AND scope IN (\(binds: keys))
            AND period >= \(bind: from) AND period < \(bind: to) GROUP BY \(unsafeRaw: grouping.rawValue)
            """
        return sql
    }

    /// The rows that cover `from ..< to`: whole months from month rows (when `wholeMonths`), the
    /// days either side, or all of it, from day rows.
    static func ranges(from: LocalDate, to: LocalDate, wholeMonths: Bool) -> [(grain: String, from: String, to: String)] {
        let firstWhole = from.day == 1 ? from : from.firstOfNextMonth
        let lastWholeEnd = to.firstOfMonth
        guard wholeMonths, firstWhole < lastWholeEnd else { return [("d", from.description, to.description)] }
        var ranges = [("m", firstWhole.monthText, lastWholeEnd.monthText)]
        if from < firstWhole { ranges.append(("d", from.description, firstWhole.description)) }
        if lastWholeEnd < to { ranges.append(("d", lastWholeEnd.description, to.description)) }
        return ranges
    }

    /// One summed row's counts.
    static func tally(_ row: any SQLRow) throws -> DossierTally {
        var tally = DossierTally()
        for column in DossierTally.columns { tally[keyPath: column.keyPath] = try row.decode(column: column.name, as: Int?.self) ?? 0 }
        return tally
    }

    /// Months before the moment's month from month rows; its own month from the exact times.
    static func dues(keys: [String], before moment: LocalDateTime) -> [SQLQueryString] {
        let monthStart = moment.date.firstOfMonth
        return [
            """
            SELECT scope, CAST(sum(total) AS BIGINT) AS total, CAST(sum(closed_in_time) AS BIGINT) AS closed_in_time FROM dossier_due_tallies
            WHERE grain = 'm' AND scope IN (\(binds: keys)) AND due < \(bind: monthStart.monthText) GROUP BY scope
            """,
            """
            SELECT scope, CAST(sum(total) AS BIGINT) AS total, CAST(sum(closed_in_time) AS BIGINT) AS closed_in_time FROM dossier_due_tallies
            WHERE grain = 'x' AND scope IN (\(binds: keys)) AND due >= \(bind: LocalDateTime(date: monthStart, minuteOfDay: 0).description)
                AND due < \(bind: moment.description) GROUP BY scope
            """,
        ]
    }

    static func openPastDue(keys: [String], before moment: LocalDateTime) -> SQLQueryString {
        """
        SELECT scope, CAST(sum(running) AS BIGINT) AS n FROM dossier_open_dues
        WHERE scope IN (\(binds: keys)) AND due < \(bind: moment.description) GROUP BY scope
        """
    }

    static func queueDays(codes: [String], from: LocalDate, to: LocalDate) -> SQLQueryString {
        """
        SELECT office_code, count(DISTINCT day) AS days, CAST(sum(tickets) AS BIGINT) AS tickets, CAST(sum(called) AS BIGINT) AS called,
            CAST(sum(wait_seconds) AS BIGINT) AS wait_seconds, CAST(sum(waits_over_15) AS BIGINT) AS waits_over_15, CAST(sum(services) AS BIGINT) AS services,
            CAST(sum(service_seconds) AS BIGINT) AS service_seconds
        FROM queue_day_counts WHERE office_code IN (\(binds: codes)) AND day >= \(bind: from.description) AND day < \(bind: to.description)
        GROUP BY office_code
        """
    }

    static func waitBuckets(codes: [String], from: LocalDate, to: LocalDate) -> SQLQueryString {
        """
        SELECT office_code, minute, CAST(sum(count) AS BIGINT) AS n FROM queue_wait_buckets
        WHERE office_code IN (\(binds: codes)) AND day >= \(bind: from.description) AND day < \(bind: to.description)
        GROUP BY office_code, minute
        """
    }

    static func counterDays(codes: [String], from: LocalDate, to: LocalDate) -> SQLQueryString {
        """
        SELECT office_code, count(*) AS n FROM counter_day_counts
        WHERE office_code IN (\(binds: codes)) AND day >= \(bind: from.description) AND day < \(bind: to.description)
        GROUP BY office_code
        """
    }

    static func receptionOfficers() -> SQLQueryString {
        "SELECT home_office, roles FROM staff_accounts WHERE disabled = 0 AND home_office IS NOT NULL"
    }
}

extension SQLStore {
    /// The plan of every dashboard query for these keys and days, one text per query (EXPLAIN
    /// QUERY PLAN on SQLite, EXPLAIN on PostgreSQL): what the plan test reads.
    package func explainDashboardQueries(scopes: [TallyScope], offices: [OfficeCode], from: LocalDate, to: LocalDate) async throws -> [String] {
        let keys = scopes.map(\.key).sorted()
        let codes = offices.map(\.rawValue).sorted()
        let moment = LocalDateTime(date: to, minuteOfDay: 0)
        var queries: [SQLQueryString] = []
        for grain in ["d", "m"] {
            let (first, end) = grain == "d" ? (from.description, to.description) : (from.monthText, to.monthText)
            for grouping in [DashboardQueries.Grouping.scope, .period] {
                queries.append(DashboardQueries.tallies(keys: keys, grain: grain, from: first, to: end, by: grouping))
            }
        }
        queries += DashboardQueries.dues(keys: keys, before: moment)
        queries.append(DashboardQueries.openPastDue(keys: keys, before: moment))
        queries.append(DashboardQueries.queueDays(codes: codes, from: from, to: to))
        queries.append(DashboardQueries.waitBuckets(codes: codes, from: from, to: to))
        queries.append(DashboardQueries.counterDays(codes: codes, from: from, to: to))
        queries.append(DashboardQueries.receptionOfficers())
        let prefix: SQLQueryString = backend.dialect == .sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN "
        let all = queries
        let sqlite = backend.dialect == .sqlite
        return try await backend.withSession { db in
            var plans: [String] = []
            for query in all {
                var explain = prefix
                explain += query
                let rows = try await db.raw(explain).all()
                plans.append(
                    try rows.map { row in
                        sqlite ? try row.decode(column: "detail", as: String.self) : try row.decode(column: "QUERY PLAN", as: String.self)
                    }.joined(separator: "\n")
                )
            }
            return plans
        }
    }
}

extension SQLStore {
    /// Forgets every count and marks every dossier and rating uncounted, as a database from before
    /// migration 18 is: the backfill tests compare what it rebuilds with what the steps kept.
    package func forgetTallies() async throws {
        try await backend.transaction { db in
            for statement: SQLQueryString in [
                "DELETE FROM dossier_tallies", "DELETE FROM dossier_due_tallies", "DELETE FROM dossier_open_dues",
                "UPDATE dossiers SET tallied = 0, tally_running = 0, tally_digitised = 0", "UPDATE ratings SET tallied = 0",
            ] {
                try await db.raw(statement).run()
            }
        }
    }
}

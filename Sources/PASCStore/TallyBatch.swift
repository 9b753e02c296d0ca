import PASCCore
import PASCDomain
import SQLKit

/// The count increments of one or many steps, added up by key and written as a few multi-row
/// upserts in the caller's transaction.
struct TallyBatch {
    struct PeriodKey: Hashable {
        let grain: String
        let scope: String
        let period: String
    }

    struct DueKey: Hashable {
        let grain: String
        let scope: String
        let due: String
    }

    struct OpenKey: Hashable {
        let scope: String
        let due: String
    }

    var periods: [PeriodKey: DossierTally] = [:]
    var dues: [DueKey: DueTally] = [:]
    var open: [OpenKey: Int] = [:]

    var isEmpty: Bool { periods.isEmpty && dues.isEmpty && open.isEmpty }

    /// Adds a step's effect at local time `at` to every scope of its dossier.
    mutating func add(_ effect: TallyStep.Effect, at: LocalDateTime, scopes: [TallyScope]) {
        let day = at.date.description
        let month = String(day.prefix(7))
        for scope in scopes.map(\.key) {
            if !effect.day.isZero {
                periods[PeriodKey(grain: "d", scope: scope, period: day), default: DossierTally()] += effect.day
                periods[PeriodKey(grain: "m", scope: scope, period: month), default: DossierTally()] += effect.day
            }
            for (due, tally) in effect.dues {
                let exact = due.description
                dues[DueKey(grain: "x", scope: scope, due: exact), default: DueTally()] += tally
                dues[DueKey(grain: "m", scope: scope, due: String(exact.prefix(7))), default: DueTally()] += tally
            }
            for (due, delta) in effect.open { open[OpenKey(scope: scope, due: due.description), default: 0] += delta }
        }
    }

    /// A day's counts (a rating) in every scope of its dossier.
    mutating func add(_ tally: DossierTally, on day: LocalDate, scopes: [TallyScope]) {
        var effect = TallyStep.Effect()
        effect.day = tally
        add(effect, at: LocalDateTime(date: day, minuteOfDay: 0), scopes: scopes)
    }

    static let chunk = 200

    func write(_ db: any SQLDatabase) async throws {
        let columns = DossierTally.columns
        let periodRows = periods.filter { !$0.value.isZero }.sorted {
            ($0.key.grain, $0.key.scope, $0.key.period) < ($1.key.grain, $1.key.scope, $1.key.period)
        }
        for start in stride(from: 0, to: periodRows.count, by: Self.chunk) {
            var sql: SQLQueryString = "INSERT INTO dossier_tallies (grain, scope, period"
            for column in columns { sql += ", \(unsafeRaw: column.name)" }
            sql += ") VALUES "
            for (offset, row) in periodRows[start..<min(start + Self.chunk, periodRows.count)].enumerated() {
                sql += offset == 0 ? "(" : ", ("
                sql += "\(bind: row.key.grain), \(bind: row.key.scope), \(bind: row.key.period)"
                for column in columns { sql += ", \(bind: row.value[keyPath: column.keyPath])" }
                sql += ")"
            }
            sql += " ON CONFLICT (grain, scope, period) DO UPDATE SET "
            for (index, column) in columns.enumerated() {
                sql += index == 0 ? "" : ", "
                sql += "\(unsafeRaw: column.name) = dossier_tallies.\(unsafeRaw: column.name) + excluded.\(unsafeRaw: column.name)"
            }
            try await db.raw(sql).run()
        }
        let dueRows = dues.filter { !$0.value.isZero }.sorted { ($0.key.grain, $0.key.scope, $0.key.due) < ($1.key.grain, $1.key.scope, $1.key.due) }
        for start in stride(from: 0, to: dueRows.count, by: Self.chunk) {
            var sql: SQLQueryString = "INSERT INTO dossier_due_tallies (grain, scope, due, total, closed_in_time) VALUES "
            for (offset, row) in dueRows[start..<min(start + Self.chunk, dueRows.count)].enumerated() {
                sql += offset == 0 ? "" : ", "
                sql +=
                    "(\(bind: row.key.grain), \(bind: row.key.scope), \(bind: row.key.due), \(bind: row.value.total), \(bind: row.value.closedInTime))"
            }
            sql += """
                 ON CONFLICT (grain, scope, due) DO UPDATE SET total = dossier_due_tallies.total + excluded.total,
                    closed_in_time = dossier_due_tallies.closed_in_time + excluded.closed_in_time
                """
            try await db.raw(sql).run()
        }
        let openRows = open.filter { $0.value != 0 }.sorted { ($0.key.scope, $0.key.due) < ($1.key.scope, $1.key.due) }
        for start in stride(from: 0, to: openRows.count, by: Self.chunk) {
            let rows = openRows[start..<min(start + Self.chunk, openRows.count)]
            var sql: SQLQueryString = "INSERT INTO dossier_open_dues (scope, due, running) VALUES "
            for (offset, row) in rows.enumerated() {
                sql += offset == 0 ? "" : ", "
                sql += "(\(bind: row.key.scope), \(bind: row.key.due), \(bind: row.value))"
            }
            sql += " ON CONFLICT (scope, due) DO UPDATE SET running = dossier_open_dues.running + excluded.running"
            try await db.raw(sql).run()
            if rows.contains(where: { $0.value < 0 }) {
                // Rows that reach zero go, so "open and past due" reads only what is open.
                var delete: SQLQueryString = "DELETE FROM dossier_open_dues WHERE running = 0 AND ("
                for (offset, row) in rows.filter({ $0.value < 0 }).enumerated() {
                    delete += offset == 0 ? "" : " OR "
                    delete += "(scope = \(bind: row.key.scope) AND due = \(bind: row.key.due))"
                }
                delete += ")"
                try await db.raw(delete).run()
            }
        }
    }
}

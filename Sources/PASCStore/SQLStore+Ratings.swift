import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: RatingStore {
    public func rate(_ code: DossierCode, _ rating: Rating, at: Date) async throws -> Bool {
        let points = try JSONColumn.encode(Dictionary(uniqueKeysWithValues: rating.points.map { ($0.key.rawValue, $0.value) }))
        let time = VietnamTime.format(at)
        // Copied from the dossier so the public aggregates group without a join; one insert, and a
        // second rating finds the key taken.
        return try await backend.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    INSERT INTO ratings (dossier_code, level, points, comment, rated_at, month, office_code, agency_code, procedure_code, tallied)
                    SELECT code, \(bind: rating.level.rawValue), \(bind: points), \(bind: rating.comment), \(bind: time), \(bind: String(time.prefix(7))),
                        office_code, agency_code, procedure_code, 1
                    FROM dossiers WHERE code = \(bind: code.description)
                    ON CONFLICT (dossier_code) DO NOTHING
                    RETURNING office_code, agency_code, procedure_code
                    """
                ).first()
            else { return false }
            var tallies = TallyBatch()
            tallies.add(.rating(rating.level), on: VietnamTime.localDateTime(at).date, scopes: try Self.tallyScopes(row))
            try await tallies.write(db)
            return true
        }
    }

    public func rating(of code: DossierCode) async throws -> Rating? {
        try await backend.withSession { db in
            guard let row = try await db.raw("SELECT * FROM ratings WHERE dossier_code = \(bind: code.description)").first() else { return nil }
            return try Self.rating(row)
        }
    }

    static func rating(_ row: any SQLRow) throws -> Rating {
        let stored = try JSONColumn.decode([String: Int].self, from: row.decode(column: "points", as: String.self))
        var points: [Rating.Criterion: Int] = [:]
        for (key, value) in stored { if let criterion = Rating.Criterion(rawValue: key) { points[criterion] = value } }
        return try Rating(level: try enumValue(row, "level"), points: points, comment: try row.decode(column: "comment", as: String?.self))
    }

    public func ratingSummary(_ filter: RatingFilter) async throws -> RatingSummary {
        var sql: SQLQueryString = "SELECT level, points FROM ratings WHERE 1 = 1"
        if let office = filter.office { sql += " AND office_code = \(bind: office.rawValue)" }
        if let agency = filter.agency { sql += " AND agency_code = \(bind: agency)" }
        if let procedure = filter.procedure { sql += " AND procedure_code = \(bind: procedure.rawValue)" }
        if let month = filter.month { sql += " AND month = \(bind: month)" }
        let query = sql
        return try await backend.withSession { db in
            var summary = RatingSummary()
            for row in try await db.raw(query).all() {
                let level: Rating.Level = try enumValue(row, "level")
                summary.levels[level, default: 0] += 1
                for (key, value) in try JSONColumn.decode([String: Int].self, from: row.decode(column: "points", as: String.self)) {
                    guard let criterion = Rating.Criterion(rawValue: key) else { continue }
                    let sum = summary.criteria[criterion] ?? (0, 0)
                    summary.criteria[criterion] = (sum.count + 1, sum.points + value)
                }
            }
            return summary
        }
    }
}

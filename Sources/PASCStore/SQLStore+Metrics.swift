import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: MetricsStore {
    public func dossiersByStatus() async throws -> [DossierStatus: Int] {
        try await backend.withSession { db in
            var counts: [DossierStatus: Int] = [:]
            // Counted from the (status, appointment_due) index, not the rows.
            for row in try await db.raw("SELECT status, count(*) AS n FROM dossiers GROUP BY status").all() {
                counts[try enumValue(row, "status")] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    public func ticketsWaiting(day: LocalDate) async throws -> [OfficeCode: Int] {
        try await backend.withSession { db in
            // One seek per office in the waiting-tickets index (its first column is the office).
            let offices = try await db.raw("SELECT code FROM offices").all().map { try $0.decode(column: "code", as: String.self) }
            guard !offices.isEmpty else { return [:] }
            var counts: [OfficeCode: Int] = [:]
            let rows = try await db.raw(
                """
                SELECT office_code, count(*) AS n FROM tickets
                WHERE office_code IN (\(binds: offices)) AND day = \(bind: day.description) AND status = 'waiting' GROUP BY office_code
                """
            ).all()
            for row in rows { counts[try OfficeCode(row.decode(column: "office_code", as: String.self))] = try row.decode(column: "n", as: Int.self) }
            return counts
        }
    }
}

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

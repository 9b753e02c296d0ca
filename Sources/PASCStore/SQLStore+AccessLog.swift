import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: AccessLogStore {
    public func recordPersonalDataRead(_ read: PersonalDataRead) async throws {
        try await backend.transaction { db in
            try await db.raw(
                """
                INSERT INTO personal_data_reads (at, actor, roles, dossier, route, kinds)
                VALUES (
                    \(bind: read.at), \(bind: read.actor), \(bind: try JSONColumn.encode(read.roles.map(\.rawValue))),
                    \(bind: read.dossier), \(bind: read.route), \(bind: try JSONColumn.encode(read.kinds.map(\.rawValue)))
                )
                """
            ).run()
        }
    }

    public func personalDataReads(dossier: String?, page: PageRequest) async throws -> Page<PersonalDataRead> {
        var sql: SQLQueryString = "SELECT * FROM personal_data_reads WHERE 1 = 1"
        if let dossier { sql += " AND dossier = \(bind: dossier)" }
        if case .after(let last) = page.cursor, let lastID = Int(last) { sql += " AND id < \(bind: lastID)" }
        sql += " ORDER BY id DESC LIMIT \(literal: page.limit + 1)"
        let query = sql
        let rows = try await backend.withSession { db in
            try await db.raw(query).all().map { row in
                let id = try row.decode(column: "id", as: Int.self)
                let roles = try JSONColumn.decode([String].self, from: row.decode(column: "roles", as: String.self)).compactMap(Role.init(rawValue:))
                let kinds = try JSONColumn.decode([String].self, from: row.decode(column: "kinds", as: String.self))
                    .compactMap(PersonalDataKind.init(rawValue:))
                let read = PersonalDataRead(
                    at: try row.decode(column: "at", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    roles: roles,
                    dossier: try row.decode(column: "dossier", as: String.self),
                    route: try row.decode(column: "route", as: String.self),
                    kinds: Set(kinds)
                )
                return (id: id, read: read)
            }
        }
        let items = Array(rows.prefix(page.limit))
        return Page(items: items.map(\.read), nextCursor: rows.count > page.limit ? items.last.map { .after(String($0.id)) } : nil)
    }
}

import PASCDomain
import SQLKit

/// Mapping between ``Agency`` and `agencies`.
enum AgencyRecord {
    static func insert(_ agency: Agency) throws -> SQLQueryString {
        """
        INSERT INTO agencies (code, kind, level, name, name_en, unit_code, jurisdiction)
        VALUES (
            \(bind: agency.code), \(bind: agency.kind.rawValue), \(bind: agency.level.rawValue), \(bind: agency.name),
            \(bind: agency.nameEn), \(bind: agency.unitCode), \(bind: try JSONColumn.encode(agency.jurisdiction))
        )
        """
    }

    static func decode(_ row: any SQLRow) throws -> Agency {
        let code = try row.decode(column: "code", as: String.self)
        do {
            return try Agency(
                code: code,
                kind: enumValue(row, "kind"),
                level: enumValue(row, "level"),
                name: row.decode(column: "name", as: String.self),
                nameEn: row.decode(column: "name_en", as: String.self),
                unitCode: row.decode(column: "unit_code", as: String.self),
                jurisdiction: JSONColumn.decode([String].self, from: row.decode(column: "jurisdiction", as: String.self))
            )
        } catch {
            throw CorruptRecord(table: "agencies", key: code, reason: "\(error)")
        }
    }
}

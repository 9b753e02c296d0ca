import PASCDomain
import SQLKit

/// Mapping between ``AdministrativeUnit`` and `administrative_units`.
enum UnitRecord {
    static func insert(_ unit: AdministrativeUnit) -> SQLQueryString {
        """
        INSERT INTO administrative_units (code, name, short_name, level, parent_code, area_type, population, home_office_code)
        VALUES (
            \(bind: unit.code), \(bind: unit.name), \(bind: unit.shortName), \(bind: unit.level.rawValue), \(bind: unit.parentCode),
            \(bind: unit.areaType.rawValue), \(bind: unit.population), \(bind: unit.homeOfficeCode?.rawValue)
        )
        """
    }

    static func decode(_ row: any SQLRow) throws -> AdministrativeUnit {
        let code = try row.decode(column: "code", as: String.self)
        do {
            return try AdministrativeUnit(
                code: code,
                name: row.decode(column: "name", as: String.self),
                shortName: row.decode(column: "short_name", as: String.self),
                level: enumValue(row, "level"),
                parentCode: row.decode(column: "parent_code", as: String.self),
                areaType: enumValue(row, "area_type"),
                population: row.decode(column: "population", as: Int.self),
                homeOfficeCode: row.decode(column: "home_office_code", as: String?.self).map { try OfficeCode($0) }
            )
        } catch {
            throw CorruptRecord(table: "administrative_units", key: code, reason: "\(error)")
        }
    }
}

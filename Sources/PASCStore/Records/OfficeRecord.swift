import PASCDomain
import SQLKit

/// Mapping between ``Office`` and the `offices` table.
enum OfficeRecord {
    static let columns: SQLQueryString = """
        code, name, name_en, level, parent_code, unit_code, area_type, latitude, longitude,
        location_approximate, location_source, address, opening_hours, counters, derived_fields
        """

    static func insert(_ office: Office) throws -> SQLQueryString {
        """
        INSERT INTO offices (\(columns)) VALUES (
            \(bind: office.code.rawValue), \(bind: office.name), \(bind: office.nameEn), \(bind: office.level.rawValue),
            \(bind: office.parentCode?.rawValue), \(bind: office.unitCode), \(bind: office.areaType.rawValue),
            \(bind: office.location.coordinate.latitude), \(bind: office.location.coordinate.longitude),
            \(bind: office.location.approximate ? 1 : 0), \(bind: office.location.source), \(bind: office.address),
            \(bind: office.openingHours.specification), \(bind: office.counters), \(bind: try JSONColumn.encode(office.derivedFields.sorted()))
        )
        """
    }

    /// Changes every column an administrator may edit.
    static func update(_ office: Office) throws -> SQLQueryString {
        """
        UPDATE offices SET name = \(bind: office.name), name_en = \(bind: office.nameEn), area_type = \(bind: office.areaType.rawValue),
            latitude = \(bind: office.location.coordinate.latitude), longitude = \(bind: office.location.coordinate.longitude),
            location_approximate = \(bind: office.location.approximate ? 1 : 0), location_source = \(bind: office.location.source),
            address = \(bind: office.address), opening_hours = \(bind: office.openingHours.specification), counters = \(bind: office.counters),
            derived_fields = \(bind: try JSONColumn.encode(office.derivedFields.sorted()))
        WHERE code = \(bind: office.code.rawValue)
        """
    }

    static func decode(_ row: any SQLRow) throws -> Office {
        let code = try row.decode(column: "code", as: String.self)
        do {
            return try Office(
                code: OfficeCode(code),
                name: row.decode(column: "name", as: String.self),
                nameEn: row.decode(column: "name_en", as: String.self),
                level: enumValue(row, "level"),
                parentCode: row.decode(column: "parent_code", as: String?.self).map { try OfficeCode($0) },
                unitCode: row.decode(column: "unit_code", as: String.self),
                areaType: enumValue(row, "area_type"),
                location: OfficeLocation(
                    coordinate: Coordinate(
                        latitude: row.decode(column: "latitude", as: Double.self),
                        longitude: row.decode(column: "longitude", as: Double.self)
                    ),
                    approximate: row.decode(column: "location_approximate", as: Int.self) != 0,
                    source: row.decode(column: "location_source", as: String.self)
                ),
                address: row.decode(column: "address", as: String.self),
                openingHours: OpeningHours(parsing: row.decode(column: "opening_hours", as: String.self)),
                counters: row.decode(column: "counters", as: Int.self),
                derivedFields: Set(JSONColumn.decode([String].self, from: row.decode(column: "derived_fields", as: String.self)))
            )
        } catch {
            throw CorruptRecord(table: "offices", key: code, reason: "\(error)")
        }
    }
}

/// Reads a text column into a `RawRepresentable` enum, naming the column when the value is unknown.
func enumValue<E: RawRepresentable>(_ row: any SQLRow, _ column: String) throws -> E where E.RawValue == String {
    let raw = try row.decode(column: column, as: String.self)
    guard let value = E(rawValue: raw) else {
        throw CorruptRecord(table: "?", key: column, reason: "unknown value '\(raw)'")
    }
    return value
}

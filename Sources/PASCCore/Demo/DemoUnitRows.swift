import PASCDomain

/// `units.csv` (GSO codes, names, 2019 census) → ``AdministrativeUnit`` values linked to their home office.
enum DemoUnitRows {
    static let file = "units.csv"

    static func parse(_ table: CSVTable, offices: [Office]) throws -> [AdministrativeUnit] {
        try table.require(columns: ["code", "name", "short_name", "level", "parent_code", "population", "urban_rural"])
        // A unit's home point is the office that names it in `unit_code` (a branch for a district).
        var homeOffice: [String: OfficeCode] = [:]
        for office in offices where office.level != .center { homeOffice[office.unitCode] = office.code }
        return try table.rows.enumerated().map { index, row in
            try rowContext(file, index) {
                try AdministrativeUnit(
                    code: row.required("code"),
                    name: row.required("name"),
                    shortName: row.required("short_name"),
                    level: row.requiredEnum("level", AdministrativeUnit.Level.self),
                    parentCode: row.required("parent_code"),
                    areaType: row.requiredEnum("urban_rural", AreaType.self),
                    population: row.requiredInt("population"),
                    homeOfficeCode: homeOffice[row.required("code")]
                )
            }
        }
    }
}

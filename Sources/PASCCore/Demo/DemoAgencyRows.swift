import PASCDomain

/// `agencies.csv` → ``Agency`` values.
enum DemoAgencyRows {
    static let file = "agencies.csv"

    static func parse(_ table: CSVTable) throws -> [Agency] {
        try table.require(columns: ["code", "kind", "level", "name", "name_en", "unit_code", "jurisdiction"])
        return try table.rows.enumerated().map { index, row in
            try rowContext(file, index) {
                try Agency(
                    code: row.required("code"),
                    kind: row.requiredEnum("kind", Agency.Kind.self),
                    level: row.requiredEnum("level", Agency.Level.self),
                    name: row.required("name"),
                    nameEn: row["name_en"] ?? "",
                    unitCode: row.required("unit_code"),
                    jurisdiction: row.required("jurisdiction").split(separator: ";").map(String.init)
                )
            }
        }
    }
}

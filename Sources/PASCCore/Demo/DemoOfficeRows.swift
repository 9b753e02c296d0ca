import PASCDomain

/// `offices.csv` → ``Office`` values, with parents checked against the tree rule.
enum DemoOfficeRows {
    static let file = "offices.csv"

    static func parse(_ table: CSVTable) throws -> [Office] {
        try table.require(columns: [
            "code", "level", "name", "name_en", "parent_code", "unit_code", "area_type", "latitude", "longitude",
            "location_source", "approximate", "address", "counters", "opening_hours", "code_derived", "derived_fields",
        ])
        let offices = try table.rows.enumerated().map { index, row in
            try rowContext(file, index) {
                try Office(
                    code: OfficeCode(row.required("code")),
                    name: row.required("name"),
                    nameEn: row["name_en"] ?? "",
                    level: row.requiredEnum("level", OfficeLevel.self),
                    parentCode: row.optional("parent_code").map { try OfficeCode($0) },
                    unitCode: row.required("unit_code"),
                    areaType: row.requiredEnum("area_type", AreaType.self),
                    location: OfficeLocation(
                        coordinate: Coordinate(latitude: row.requiredDouble("latitude"), longitude: row.requiredDouble("longitude")),
                        approximate: row.yesNo("approximate"),
                        source: row.required("location_source")
                    ),
                    address: row.required("address"),
                    openingHours: OpeningHours(parsing: row.required("opening_hours")),
                    counters: row.requiredInt("counters"),
                    derivedFields: derivedFields(row)
                )
            }
        }
        try NetworkRules.validateTree(offices)
        return offices
    }
}

/// The `derived_fields` list, which must agree with the `code_derived` and `approximate` columns.
private func derivedFields(_ row: [String: String]) throws -> Set<String> {
    let fields = Set((row["derived_fields"] ?? "").split(separator: ";").map(String.init))
    guard try fields.contains("code") == row.yesNo("code_derived"), try fields.contains("location") == row.yesNo("approximate") else {
        throw ValidationError(
            field: "derived_fields",
            message: "derived_fields không khớp với code_derived / approximate.",
            messageEn: "derived_fields disagrees with code_derived or approximate"
        )
    }
    return fields
}

/// Rules over the whole network that no single office can check alone.
public enum NetworkRules {
    /// Codes are unique, every parent exists and sits at an allowed level, and there is one center.
    public static func validateTree(_ offices: [Office]) throws {
        var byCode: [OfficeCode: Office] = [:]
        for office in offices {
            guard byCode.updateValue(office, forKey: office.code) == nil else {
                throw ValidationError(
                    field: "code",
                    message: "Mã đơn vị \(office.code) bị trùng.",
                    messageEn: "office code \(office.code) appears twice"
                )
            }
        }
        let centers = offices.filter { $0.level == .center }
        guard centers.count == 1 else {
            throw ValidationError(
                field: "level",
                message: "Mạng lưới phải có đúng một trung tâm cấp tỉnh, có \(centers.count).",
                messageEn: "the network needs exactly one provincial center, found \(centers.count)"
            )
        }
        for office in offices {
            guard let parentCode = office.parentCode else { continue }
            guard let parent = byCode[parentCode] else {
                throw ValidationError(
                    field: "parentCode",
                    message: "Đơn vị \(office.code) trực thuộc \(parentCode) nhưng không có đơn vị này.",
                    messageEn: "office \(office.code) names parent \(parentCode), which does not exist"
                )
            }
            try office.validateParent(parent)
        }
    }
}

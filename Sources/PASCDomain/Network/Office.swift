import Foundation

/// A one-stop office: the provincial center, a branch, or a commune-level point.
///
/// Built only through the validating initializer, so an office with an empty name, a center with
/// a parent or a point without counters cannot exist.
public struct Office: Hashable, Sendable {
    public let code: OfficeCode
    /// Vietnamese name, NFC.
    public let name: String
    public let nameEn: String
    public let level: OfficeLevel
    public let parentCode: OfficeCode?
    /// GSO code of the administrative unit this office is the home point of (`74` for the province).
    public let unitCode: String
    public let areaType: AreaType
    public var location: OfficeLocation
    public let address: String
    public let openingHours: OpeningHours
    /// Reception counters (quầy).
    public let counters: Int
    /// Fields whose values were derived by a documented rule rather than taken from a source
    /// (API names: `code`, `counters`, `openingHours`, `areaType`, `location`).
    public var derivedFields: Set<String>

    /// True when the code is derived for the demo rather than the unit's real national code.
    public var codeDerived: Bool { derivedFields.contains("code") }

    public init(
        code: OfficeCode,
        name: String,
        nameEn: String,
        level: OfficeLevel,
        parentCode: OfficeCode?,
        unitCode: String,
        areaType: AreaType,
        location: OfficeLocation,
        address: String,
        openingHours: OpeningHours,
        counters: Int,
        derivedFields: Set<String> = []
    ) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let name = TextFolding.normalize(name)
        if name.isEmpty {
            errors.append(.init(field: "name", message: "Tên đơn vị không được để trống.", messageEn: "name must not be empty."))
        }
        if level == .center, parentCode != nil {
            errors.append(
                .init(field: "parentCode", message: "Trung tâm cấp tỉnh không có đơn vị cấp trên.", messageEn: "The provincial center has no parent.")
            )
        }
        if level != .center, parentCode == nil {
            errors.append(
                .init(
                    field: "parentCode",
                    message: "Đơn vị cấp \(level.rawValue) phải có đơn vị cấp trên.",
                    messageEn: "A \(level.rawValue) office needs a parent."
                )
            )
        }
        if parentCode == code {
            errors.append(
                .init(field: "parentCode", message: "Đơn vị không thể là cấp trên của chính nó.", messageEn: "An office cannot be its own parent.")
            )
        }
        if !unitCode.isEmpty, !unitCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors.append(
                .init(field: "unitCode", message: "Mã đơn vị hành chính chỉ gồm chữ số.", messageEn: "unitCode must be digits (a GSO code).")
            )
        }
        if !(1...500).contains(counters) {
            errors.append(
                .init(
                    field: "counters",
                    message: "Số quầy phải từ 1 đến 500, nhận được \(counters).",
                    messageEn: "counters must be from 1 to 500, got \(counters)."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.code = code
        self.name = name
        self.nameEn = TextFolding.normalize(nameEn)
        self.level = level
        self.parentCode = parentCode
        self.unitCode = unitCode
        self.areaType = areaType
        self.location = location
        self.address = TextFolding.normalize(address)
        self.openingHours = openingHours
        self.counters = counters
        self.derivedFields = derivedFields
    }

    /// Checks the tree rule that levels nest properly (a branch under the center, a point under a branch).
    public func validateParent(_ parent: Office) throws(ValidationError) {
        guard level.allowedParents.contains(parent.level) else {
            throw ValidationError(
                field: "parentCode",
                message: "Đơn vị cấp \(level.rawValue) không thể trực thuộc đơn vị cấp \(parent.level.rawValue).",
                messageEn: "A \(level.rawValue) office cannot sit under a \(parent.level.rawValue) office."
            )
        }
    }
}

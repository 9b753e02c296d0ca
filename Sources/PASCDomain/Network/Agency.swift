import Foundation

/// A body competent to decide procedures (cơ quan có thẩm quyền giải quyết).
public struct Agency: Hashable, Sendable {
    /// What the agency is; procedures name the kind, and the kind plus a unit finds the agency.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// UBND cấp xã.
        case communePeoplesCommittee
        /// Công an cấp xã.
        case communePolice
        /// Phòng Tài chính - Kế hoạch (household business before 1/7/2025).
        case districtFinancePlanningOffice
        /// Phòng Quản lý đô thị / Kinh tế - Hạ tầng (construction permits for houses).
        case districtUrbanOffice
        /// Chi nhánh Văn phòng đăng ký đất đai.
        case landRegistrationBranch
        /// Phòng Tư pháp.
        case districtJusticeOffice
        /// A provincial department (Sở …) or provincial office.
        case provincialDepartment
        /// Công an tỉnh and its divisions.
        case provincialPolice
        /// Bảo hiểm xã hội: takes part in inter-agency procedures (health insurance cards).
        case socialInsurance
        /// Cơ quan thuế: takes part in inter-agency procedures (the tax reply to a registration).
        case taxAuthority
    }

    /// Administrative level the agency belongs to.
    public enum Level: String, CaseIterable, Codable, Sendable {
        case commune
        case district
        case province
    }

    /// Our key for the agency (`ubnd.25747`, `so-taichinh`).
    public let code: String
    public let kind: Kind
    public let level: Level
    public let name: String
    public let nameEn: String
    /// GSO code of the unit the agency belongs to (`74` for provincial agencies).
    public let unitCode: String
    /// GSO codes of the commune-level units it decides for.
    public let jurisdiction: [String]

    public init(
        code: String,
        kind: Kind,
        level: Level,
        name: String,
        nameEn: String,
        unitCode: String,
        jurisdiction: [String]
    ) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if code.isEmpty || code.contains(where: { $0.isWhitespace }) {
            errors.append(
                .init(
                    field: "code",
                    message: "Mã cơ quan không được trống hoặc chứa khoảng trắng.",
                    messageEn: "code must be non-empty without spaces."
                )
            )
        }
        if TextFolding.normalize(name).isEmpty {
            errors.append(.init(field: "name", message: "Tên cơ quan không được để trống.", messageEn: "name must not be empty."))
        }
        if jurisdiction.isEmpty {
            errors.append(
                .init(
                    field: "jurisdiction",
                    message: "Cơ quan phải có ít nhất một địa bàn thẩm quyền.",
                    messageEn: "jurisdiction must name at least one unit."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.code = code
        self.kind = kind
        self.level = level
        self.name = TextFolding.normalize(name)
        self.nameEn = TextFolding.normalize(nameEn)
        self.unitCode = unitCode
        self.jurisdiction = jurisdiction
    }
}

import Foundation

/// A district or commune-level unit of the province, with its official GSO code.
public struct AdministrativeUnit: Hashable, Sendable {
    public enum Level: String, CaseIterable, Codable, Sendable {
        case district
        /// Phường.
        case ward
        /// Xã.
        case commune
        /// Thị trấn.
        case township

        public var isCommuneLevel: Bool { self != .district }
    }

    /// GSO code: 3 digits for a district, 5 for a commune-level unit.
    public let code: String
    public let name: String
    public let shortName: String
    public let level: Level
    /// The district's code for communes, the province's (`74`) for districts.
    public let parentCode: String
    public let areaType: AreaType
    /// Total population at the 2019 census.
    public let population: Int
    /// The office that is this unit's home one-stop point.
    public let homeOfficeCode: OfficeCode?

    public init(
        code: String,
        name: String,
        shortName: String,
        level: Level,
        parentCode: String,
        areaType: AreaType,
        population: Int,
        homeOfficeCode: OfficeCode?
    ) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let expectedLength = level == .district ? 3 : 5
        if code.count != expectedLength || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors.append(
                .init(
                    field: "code",
                    message: "Mã GSO của đơn vị cấp \(level.rawValue) phải gồm \(expectedLength) chữ số, nhận được '\(code)'.",
                    messageEn: "The GSO code of a \(level.rawValue) must be \(expectedLength) digits, got '\(code)'."
                )
            )
        }
        if TextFolding.normalize(name).isEmpty {
            errors.append(.init(field: "name", message: "Tên đơn vị không được để trống.", messageEn: "name must not be empty."))
        }
        if population < 0 {
            errors.append(.init(field: "population", message: "Dân số không được âm.", messageEn: "population must not be negative."))
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.code = code
        self.name = TextFolding.normalize(name)
        self.shortName = TextFolding.normalize(shortName)
        self.level = level
        self.parentCode = parentCode
        self.areaType = areaType
        self.population = population
        self.homeOfficeCode = homeOfficeCode
    }
}

import PASCDomain

/// An administrative unit (district or commune-level) as the API shows it.
struct UnitView: Encodable, Sendable {
    let code: String
    let name: String
    let shortName: String
    let level: String
    let parentCode: String
    let areaType: String
    let population: Int
    let populationYear: Int
    @ExplicitNull var homeOfficeCode: String?

    init(_ unit: AdministrativeUnit) {
        code = unit.code
        name = unit.name
        shortName = unit.shortName
        level = unit.level.rawValue
        parentCode = unit.parentCode
        areaType = unit.areaType.rawValue
        population = unit.population
        populationYear = 2019
        homeOfficeCode = unit.homeOfficeCode?.rawValue
    }
}

import PASCCore
import PASCDomain

/// An office as the API shows it. Coordinates always travel with their `approximate` mark.
struct OfficeView: Encodable, Sendable {
    struct Location: Encodable, Sendable {
        let latitude: Double
        let longitude: Double
        let approximate: Bool
        let source: String
    }

    struct Session: Encodable, Sendable {
        let opens: String
        let closes: String
    }

    let code: String
    let codeDerived: Bool
    /// Fields whose values are derived by a documented rule, not taken from a source.
    let derivedFields: [String]
    let name: String
    let nameEn: String
    let level: String
    @ExplicitNull var parentCode: String?
    let unitCode: String
    let areaType: String
    let annualDossiersPerOfficerNorm: Int
    let location: Location
    let address: String
    /// Sessions per weekday (`mon` … `sun`); a day absent is closed.
    let openingHours: [String: [Session]]
    let openingHoursText: String
    let counters: Int
    /// Great-circle distance from `near`, when the list was asked with `near`.
    @ExplicitNull var distanceKm: Double?

    init(_ office: Office, distanceKm: Double? = nil) {
        code = office.code.rawValue
        codeDerived = office.codeDerived
        derivedFields = office.derivedFields.sorted()
        name = office.name
        nameEn = office.nameEn
        level = office.level.rawValue
        parentCode = office.parentCode?.rawValue
        unitCode = office.unitCode
        areaType = office.areaType.rawValue
        annualDossiersPerOfficerNorm = office.areaType.annualDossiersPerOfficerNorm
        location = Location(
            latitude: office.location.coordinate.latitude,
            longitude: office.location.coordinate.longitude,
            approximate: office.location.approximate,
            source: office.location.source
        )
        address = office.address
        var hours: [String: [Session]] = [:]
        for (day, sessions) in office.openingHours.sessions {
            hours[day.rawValue] = sessions.map { Session(opens: $0.opens.description, closes: $0.closes.description) }
        }
        openingHours = hours
        openingHoursText = office.openingHours.specification
        counters = office.counters
        self.distanceKm = distanceKm.map { ($0 * 1000).rounded() / 1000 }
    }
}

import PASCDomain

/// What an administrator may change on an existing office; nil leaves a field as it is.
///
/// The code, level, parent and unit are the office's identity in the network and in every
/// dossier code already issued, so they are not editable: a new office is created instead.
public struct OfficeChanges: Sendable {
    public var name: String?
    public var nameEn: String?
    public var address: String?
    public var areaType: AreaType?
    public var counters: Int?
    public var openingHours: OpeningHours?
    public var location: OfficeLocation?

    public init(
        name: String? = nil,
        nameEn: String? = nil,
        address: String? = nil,
        areaType: AreaType? = nil,
        counters: Int? = nil,
        openingHours: OpeningHours? = nil,
        location: OfficeLocation? = nil
    ) {
        self.name = name
        self.nameEn = nameEn
        self.address = address
        self.areaType = areaType
        self.counters = counters
        self.openingHours = openingHours
        self.location = location
    }

    /// The office with these changes; a field an administrator sets is no longer "derived".
    public func applied(to office: Office) throws(ValidationErrors) -> Office {
        var derived = office.derivedFields
        if areaType != nil { derived.remove("areaType") }
        if counters != nil { derived.remove("counters") }
        if openingHours != nil { derived.remove("openingHours") }
        if let location {
            if location.approximate { derived.insert("location") } else { derived.remove("location") }
        }
        return try Office(
            code: office.code,
            name: name ?? office.name,
            nameEn: nameEn ?? office.nameEn,
            level: office.level,
            parentCode: office.parentCode,
            unitCode: office.unitCode,
            areaType: areaType ?? office.areaType,
            location: location ?? office.location,
            address: address ?? office.address,
            openingHours: openingHours ?? office.openingHours,
            counters: counters ?? office.counters,
            derivedFields: derived
        )
    }
}

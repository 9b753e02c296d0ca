import PASCDomain
import Testing

@Suite("Offices, units and agencies refuse invalid values at construction")
struct OfficeTests {
    func makeOffice(
        code: String = "000.01.11.H56",
        name: String = "Điểm tiếp nhận Một cửa Phường Phú Cường",
        level: OfficeLevel = .communePoint,
        parent: String? = "000.00.11.H56",
        counters: Int = 3
    ) throws -> Office {
        try Office(
            code: OfficeCode(code),
            name: name,
            nameEn: "Phu Cuong Ward one-stop point",
            level: level,
            parentCode: parent.map { try OfficeCode($0) },
            unitCode: "25747",
            areaType: .urban,
            location: OfficeLocation(coordinate: Coordinate(latitude: 10.98, longitude: 106.65), approximate: true, source: "derived-ring"),
            address: "Phường Phú Cường, Thành phố Thủ Dầu Một",
            openingHours: .standardWeekdays,
            counters: counters,
            derivedFields: ["code"]
        )
    }

    @Test func aValidOfficeIsBuilt() throws {
        let office = try makeOffice()
        #expect(office.level == .communePoint)
        #expect(office.areaType.annualDossiersPerOfficerNorm == 1600)
    }

    @Test func everyProblemIsReportedAtOnce() {
        #expect {
            try makeOffice(name: "  ", level: .center, counters: 0)
        } throws: { error in
            let fields = (error as? ValidationErrors)?.errors.map(\.field) ?? []
            return Set(fields) == ["name", "parentCode", "counters"]
        }
    }

    @Test func aPointWithoutParentIsRefused() {
        #expect(throws: ValidationErrors.self) { try makeOffice(parent: nil) }
    }

    @Test func levelsNestOnlyDownward() throws {
        let branch = try makeOffice(code: "000.00.11.H56", level: .branch, parent: "000.00.01.H56")
        let point = try makeOffice()
        try point.validateParent(branch)
        #expect(throws: ValidationError.self) { try branch.validateParent(point) }
    }

    @Test func normsFollowTheAreaType() {
        #expect(AreaType.urban.annualDossiersPerOfficerNorm == 1600)
        #expect(AreaType.rural.annualDossiersPerOfficerNorm == 1200)
        #expect(AreaType.remote.annualDossiersPerOfficerNorm == 800)
    }

    @Test func unitCodesHaveTheLengthOfTheirLevel() {
        #expect(throws: ValidationErrors.self) {
            try AdministrativeUnit(
                code: "7181",
                name: "X",
                shortName: "X",
                level: .district,
                parentCode: "74",
                areaType: .urban,
                population: 1,
                homeOfficeCode: nil
            )
        }
        #expect(throws: ValidationErrors.self) {
            try AdministrativeUnit(
                code: "25747",
                name: "X",
                shortName: "X",
                level: .ward,
                parentCode: "718",
                areaType: .urban,
                population: -1,
                homeOfficeCode: nil
            )
        }
    }

    @Test func anAgencyNeedsAJurisdiction() {
        #expect(throws: ValidationErrors.self) {
            try Agency(code: "ubnd.1", kind: .communePeoplesCommittee, level: .commune, name: "UBND", nameEn: "", unitCode: "1", jurisdiction: [])
        }
    }
}

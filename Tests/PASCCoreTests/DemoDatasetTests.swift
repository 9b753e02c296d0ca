import PASCCore
import PASCDomain
import PASCTestSupport
import Testing

@Suite("The Binh Duong demo dataset")
struct DemoDatasetTests {
    let demo = Fixtures.demo

    @Test func theNetworkIsTheCenterNineBranchesAndNinetyOnePoints() {
        #expect(demo.offices.filter { $0.level == .center }.count == 1)
        #expect(demo.offices.filter { $0.level == .branch }.count == 9)
        #expect(demo.offices.filter { $0.level == .communePoint }.count == 91)
        #expect(Set(demo.offices.map(\.code)).count == 101)
    }

    @Test func everyCommunePointHangsUnderTheBranchOfItsDistrict() throws {
        let units = Dictionary(uniqueKeysWithValues: demo.units.map { ($0.code, $0) })
        let offices = Dictionary(uniqueKeysWithValues: demo.offices.map { ($0.code, $0) })
        for point in demo.offices where point.level == .communePoint {
            let unit = try #require(units[point.unitCode])
            let parentCode = try #require(point.parentCode)
            let branch = try #require(offices[parentCode])
            #expect(branch.level == .branch)
            #expect(branch.unitCode == unit.parentCode, "\(point.name) is under \(branch.name)")
            #expect(unit.homeOfficeCode == point.code)
        }
    }

    @Test func onlyTheEightSourcedPointsAreExact() {
        let exact = demo.offices.filter { !$0.location.approximate }
        #expect(exact.count == 8)
        #expect(exact.allSatisfy { $0.location.source == "wikipedia-infobox" && $0.level == .communePoint })
        #expect(demo.offices.allSatisfy { $0.codeDerived })
    }

    @Test func areaTypesFollowTheData() {
        let points = demo.offices.filter { $0.level == .communePoint }
        // 47 wards + 5 townships are urban, 39 communes rural (units.csv, urban_rural).
        #expect(points.filter { $0.areaType == .urban }.count == 52)
        #expect(points.filter { $0.areaType == .rural }.count == 39)
    }

    @Test func censusPopulationAddsUpToTheProvinceTotal() {
        #expect(demo.units.filter { $0.level == .district }.map(\.population).reduce(0, +) == 2_426_561)
        #expect(demo.units.filter { $0.level.isCommuneLevel }.map(\.population).reduce(0, +) == 2_426_561)
    }

    @Test func everyProcedureFindsItsAgencyKind() throws {
        #expect(demo.procedures.count == 65)
        let kinds = Set(demo.agencies.map(\.kind))
        let codes = Set(demo.agencies.map(\.code))
        for procedure in demo.procedures {
            #expect(kinds.contains(procedure.agencyKind), "\(procedure.code)")
            if let code = procedure.agencyCode { #expect(codes.contains(code), "\(procedure.code) names \(code)") }
        }
        // Every commune has its People's Committee and police.
        let communes = demo.units.filter { $0.level.isCommuneLevel }.map(\.code)
        for commune in communes {
            #expect(codes.contains("ubnd.\(commune)") && codes.contains("ca.\(commune)"))
        }
    }

    @Test func boundaryFreeIsWhatTheCatalogMarksYes() {
        #expect(demo.procedures.filter(\.isBoundaryFree).count == 15)
        #expect(demo.procedures.filter(\.isBoundaryFree).allSatisfy { $0.boundaryFreePhase == 1 })
    }

    @Test func sameDayProceduresCarryTheThreePmCutoff() throws {
        let birth = try #require(demo.procedures.first { $0.code.rawValue == "1.001193" })
        #expect(birth.timeLimit == .sameDay(cutoff: try TimeOfDay(parsing: "15:00")))
        let lodging = try #require(demo.procedures.first { $0.code.rawValue == "2.001159" })
        #expect(lodging.timeLimit == .workingHours(1))
    }
}

@Suite("The demo staff roster")
struct DemoRosterTests {
    @Test func everyOfficeAndAgencyIsStaffedWithinItsScope() throws {
        let demo = Fixtures.demo
        let members = try DemoRoster.members(for: demo)
        #expect(Set(members.map(\.username)).count == members.count, "usernames are unique")
        for office in demo.offices {
            let officers = members.filter { $0.roles.contains(.receptionOfficer) && $0.homeOffice == office.code }
            #expect(officers.count == office.counters, "one officer per counter at \(office.code)")
            #expect(members.contains { $0.roles.contains(.leader) && $0.scope.offices.contains(office.code) })
        }
        for agency in demo.agencies {
            #expect(members.contains { $0.roles == [.specialist] && $0.scope.agencies == [agency.code] })
        }
        #expect(members.filter { $0.roles.contains(.administrator) }.count == 1)
        #expect(members.filter { $0.roles.contains(.postal) }.count == 9)
        // The provincial leader heads the provincial agencies; a commune leader its People's Committee.
        let provincial = try #require(members.first { $0.username == "lanhdao.74" })
        #expect(provincial.scope.agencies == Set(demo.agencies.filter { $0.level == .province }.map(\.code)))
        #expect(members.first { $0.username == "lanhdao.25747" }?.scope.agencies == ["ubnd.25747"])
    }
}

import PASCDomain
import Testing

@Suite("Dossier codes, competent agency and where a dossier may be received")
struct RoutingTests {
    @Test func dossierCodesRoundTripAndRefuseOtherShapes() throws {
        let code = try DossierCode("000.00.12.H56-260915-0042")
        #expect(code.office.rawValue == "000.00.12.H56" && code.date.description == "2026-09-15" && code.sequence == 42)
        #expect(code.description == "000.00.12.H56-260915-0042")
        let first = try DossierCode(office: code.office, date: code.date, sequence: 1)
        #expect(first.description.hasSuffix("-260915-0001"))
        for bad in ["000.00.12.H56-260915-42", "000.00.12.H56-260931-0042", "000.00.12.H56-260915-0000", "x-260915-0001", "000.00.12.H56"] {
            #expect(throws: ValidationError.self, "\(bad)") { try DossierCode(bad) }
        }
    }

    static func agency(_ code: String, _ kind: Agency.Kind, _ level: Agency.Level, _ units: [String]) -> Agency {
        try! Agency(code: code, kind: kind, level: level, name: code, nameEn: code, unitCode: units[0], jurisdiction: units)
    }

    static let agencies = [
        agency("ubnd.25747", .communePeoplesCommittee, .commune, ["25747"]),
        agency("ubnd.25750", .communePeoplesCommittee, .commune, ["25750"]),
        agency("cnvpdd.718", .landRegistrationBranch, .district, ["25747", "25750"]),
        agency("so-tuphap", .provincialDepartment, .province, ["74"]),
    ]

    static func procedure(_ basis: CompetenceBasis, _ kind: Agency.Kind, agencyCode: String? = nil) -> Procedure {
        try! Procedure(
            code: ProcedureCode("1.001193"),
            name: "Thủ tục thử",
            nameEn: "Test procedure",
            field: "Hộ tịch",
            level: .commune,
            demoLevel: .commune,
            competentAgencyText: "UBND cấp xã",
            agencyKind: kind,
            agencyCode: agencyCode,
            competenceBasis: basis,
            timeLimit: .workingDays(3),
            feeVND: nil,
            requiredPapers: [],
            onlineLevel: nil,
            boundaryFreePhase: 1,
            paymentStopsClock: false,
            stepBudgets: [],
            notes: "",
            source: "test"
        )
    }

    @Test func theCompetentAgencyFollowsTheBasisNotTheReceivingOffice() throws {
        let facts = CompetentAgency.Facts(applicantHomeUnit: "25747", propertyUnit: "25750", receivingUnit: "25750")
        let home = try CompetentAgency.resolve(Self.procedure(.applicantHome, .communePeoplesCommittee), facts: facts, agencies: Self.agencies)
        #expect(home.code == "ubnd.25747", "received in commune 25750 for an applicant of 25747: 25747 decides")
        let land = try CompetentAgency.resolve(Self.procedure(.propertyLocation, .landRegistrationBranch), facts: facts, agencies: Self.agencies)
        #expect(land.code == "cnvpdd.718")
        let any = try CompetentAgency.resolve(Self.procedure(.anyUnit, .communePeoplesCommittee), facts: facts, agencies: Self.agencies)
        #expect(any.code == "ubnd.25750", "certifications: the receiving office's own commune")
        let atBranch = CompetentAgency.Facts(applicantHomeUnit: "25747", receivingUnit: "718")
        #expect(
            try CompetentAgency.resolve(Self.procedure(.anyUnit, .communePeoplesCommittee), facts: atBranch, agencies: Self.agencies).code
                == "ubnd.25747"
        )
        let named = try CompetentAgency.resolve(
            Self.procedure(.namedAgency, .provincialDepartment, agencyCode: "so-tuphap"),
            facts: facts,
            agencies: Self.agencies
        )
        #expect(named.code == "so-tuphap")
        do {
            _ = try CompetentAgency.resolve(
                Self.procedure(.propertyLocation, .landRegistrationBranch),
                facts: CompetentAgency.Facts(applicantHomeUnit: "25747", receivingUnit: "25750"),
                agencies: Self.agencies
            )
            Issue.record("a property procedure without the property's unit was routed")
        } catch {
            #expect(error.field == "propertyUnit")
        }
    }

    @Test func outsideTheHomeAreaANonBoundaryFreeProcedureGetsGuidance() throws {
        func office(_ code: String, _ level: OfficeLevel, _ parent: String?) -> Office {
            try! Office(
                code: OfficeCode(code),
                name: code,
                nameEn: code,
                level: level,
                parentCode: parent.map { try! OfficeCode($0) },
                unitCode: "1",
                areaType: .urban,
                location: OfficeLocation(coordinate: try! Coordinate(latitude: 11, longitude: 106.6), approximate: true, source: "test"),
                address: "",
                openingHours: .standardWeekdays,
                counters: 1
            )
        }
        let tree = OfficeTree(offices: [
            office("000.00.01.H56", .center, nil), office("000.00.11.H56", .branch, "000.00.01.H56"),
            office("000.01.11.H56", .communePoint, "000.00.11.H56"), office("000.02.11.H56", .communePoint, "000.00.11.H56"),
        ])
        let home = try OfficeCode("000.01.11.H56")
        let other = try OfficeCode("000.02.11.H56")
        #expect(ReceptionScope.check(boundaryFree: true, receivingOffice: other, relevantUnitOffice: home, tree: tree) == .receive)
        #expect(ReceptionScope.check(boundaryFree: false, receivingOffice: home, relevantUnitOffice: home, tree: tree) == .receive)
        #expect(
            ReceptionScope.check(boundaryFree: false, receivingOffice: try OfficeCode("000.00.11.H56"), relevantUnitOffice: home, tree: tree)
                == .receive
        )
        #expect(
            ReceptionScope.check(boundaryFree: false, receivingOffice: other, relevantUnitOffice: home, tree: tree)
                == .guidance(competentOffices: [home, try OfficeCode("000.00.11.H56"), try OfficeCode("000.00.01.H56")])
        )
    }
}

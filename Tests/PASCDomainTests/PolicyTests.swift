import PASCDomain
import Testing

@Suite("Route policies: roles and office/agency scope")
struct PolicyTests {
    // center 01 → branch 11 → points 01.11 and 02.11; branch 12 → point 01.12
    let tree: OfficeTree
    let center = try! OfficeCode("000.00.01.H56")
    let branchA = try! OfficeCode("000.00.11.H56")
    let pointA1 = try! OfficeCode("000.01.11.H56")
    let pointA2 = try! OfficeCode("000.02.11.H56")
    let branchB = try! OfficeCode("000.00.12.H56")
    let pointB1 = try! OfficeCode("000.01.12.H56")

    init() throws {
        func office(_ code: OfficeCode, _ level: OfficeLevel, _ parent: OfficeCode?) throws -> Office {
            try Office(
                code: code,
                name: "x",
                nameEn: "x",
                level: level,
                parentCode: parent,
                unitCode: "1",
                areaType: .urban,
                location: OfficeLocation(coordinate: Coordinate(latitude: 11, longitude: 106), approximate: true, source: "t"),
                address: "x",
                openingHours: .standardWeekdays,
                counters: 1
            )
        }
        let c = try OfficeCode("000.00.01.H56")
        let a = try OfficeCode("000.00.11.H56")
        let b = try OfficeCode("000.00.12.H56")
        tree = OfficeTree(offices: [
            try office(c, .center, nil), try office(a, .branch, c), try office(b, .branch, c),
            try office(OfficeCode("000.01.11.H56"), .communePoint, a), try office(OfficeCode("000.02.11.H56"), .communePoint, a),
            try office(OfficeCode("000.01.12.H56"), .communePoint, b),
        ])
    }

    func member(_ roles: Set<Role>, offices: Set<OfficeCode> = [], agencies: Set<String> = [], disabled: Bool = false) throws -> StaffMember {
        try StaffMember(
            username: "test.user",
            fullName: "Test",
            roles: roles,
            scope: StaffScope(offices: offices, agencies: agencies),
            homeOffice: nil,
            disabled: disabled
        )
    }

    @Test func anOfficerActsOnlyAtTheOfficesInScope() throws {
        let officer = try member([.receptionOfficer], offices: [pointA1])
        let policy = Policy.atOffice([.receptionOfficer])
        #expect(policy.decide(officer, target: PolicyTarget(office: pointA1), tree: tree) == .allowed)
        #expect(policy.decide(officer, target: PolicyTarget(office: pointA2), tree: tree) == .forbidden(missing: "office scope 000.02.11.H56"))
        // An officer of a branch does not cover the points below it: only leaders see subtrees.
        let branchOfficer = try member([.receptionOfficer], offices: [branchA])
        #expect(policy.decide(branchOfficer, target: PolicyTarget(office: pointA1), tree: tree) != .allowed)
    }

    @Test func aLeaderSeesTheirSubtreeAndNothingElse() throws {
        let leader = try member([.leader], offices: [branchA])
        let policy = Policy.atOffice([.leader])
        for office in [branchA, pointA1, pointA2] {
            #expect(policy.decide(leader, target: PolicyTarget(office: office), tree: tree) == .allowed)
        }
        for office in [center, branchB, pointB1] {
            #expect(policy.decide(leader, target: PolicyTarget(office: office), tree: tree) != .allowed)
        }
        let provincial = try member([.leader], offices: [center])
        #expect(policy.decide(provincial, target: PolicyTarget(office: pointB1), tree: tree) == .allowed)
    }

    @Test func aSpecialistActsOnlyForTheirAgencies() throws {
        let specialist = try member([.specialist], agencies: ["ubnd.25747"])
        let policy = Policy.forAgency([.specialist])
        #expect(policy.decide(specialist, target: PolicyTarget(agency: "ubnd.25747"), tree: tree) == .allowed)
        #expect(policy.decide(specialist, target: PolicyTarget(agency: "ubnd.25750"), tree: tree) == .forbidden(missing: "agency scope ubnd.25750"))
    }

    @Test func missingRolesAreNamedAndAnonymousOrDisabledCallersAreUnauthenticated() throws {
        let admin = try member([.administrator])
        #expect(Policy.roles([.administrator]).decide(admin, target: PolicyTarget(), tree: tree) == .allowed)
        #expect(
            Policy.atOffice([.receptionOfficer]).decide(admin, target: PolicyTarget(office: pointA1), tree: tree)
                == .forbidden(missing: "role receptionOfficer")
        )
        #expect(Policy.staff.decide(nil, target: PolicyTarget(), tree: tree) == .unauthenticated)
        #expect(Policy.everyone.decide(nil, target: PolicyTarget(), tree: tree) == .allowed)
        let disabled = try member([.administrator], disabled: true)
        #expect(Policy.roles([.administrator]).decide(disabled, target: PolicyTarget(), tree: tree) == .unauthenticated)
    }

    @Test func accountsNeedTheScopeTheirRolesUse() {
        #expect(throws: ValidationErrors.self) { try member([.specialist]) }
        #expect(throws: ValidationErrors.self) { try member([.receptionOfficer]) }
        #expect(throws: ValidationErrors.self) { try member([.leader]) }
        #expect(throws: ValidationErrors.self) { try member([]) }
        #expect(throws: ValidationErrors.self) {
            try StaffMember(username: "Bad Name!", fullName: "x", roles: [.administrator], scope: StaffScope(), homeOffice: nil)
        }
    }
}

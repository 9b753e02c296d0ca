import Hummingbird
import PASCCore
import PASCDomain

/// Staff lists: every account for administrators, the people of one office for the officers
/// there and the leaders above it (a leader moving staff needs to see who works where).
struct StaffController: Sendable {
    let accounts: any AccountStore

    func register(on routes: RouteTable) {
        routes.get("/api/v1/staff", policy: .roles([.administrator]), use: list)
        routes.get("/api/v1/offices/{code}/staff", policy: .atOffice([.receptionOfficer, .leader]), target: .officeParameter("code"), use: atOffice)
    }

    struct StaffView: Encodable, Sendable {
        let username: String
        let fullName: String
        let roles: [String]
        let offices: [String]
        let agencies: [String]
        @ExplicitNull var homeOffice: String?
        let disabled: Bool

        init(_ member: StaffMember) {
            username = member.username
            fullName = member.fullName
            roles = member.roles.sorted().map(\.rawValue)
            offices = member.scope.offices.sorted().map(\.rawValue)
            agencies = member.scope.agencies.sorted()
            homeOffice = member.homeOffice?.rawValue
            disabled = member.disabled
        }
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: [])
        try query.finish()
        _ = query.page()
        return try JSONBody.response(PageBody(items: try await accounts.allStaff().map(StaffView.init), nextCursor: nil))
    }

    @Sendable func atOffice(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try OfficeCode(try context.parameters.require("code"))
        let members = try await accounts.allStaff().filter { $0.scope.offices.contains(office) }
        return try JSONBody.response(PageBody(items: members.map(StaffView.init), nextCursor: nil))
    }
}

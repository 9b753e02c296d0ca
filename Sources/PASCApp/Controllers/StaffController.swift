import Hummingbird
import PASCCore
import PASCDomain

/// Staff lists: every account for administrators, the people of one office for the officers
/// there and the leaders above it (a leader moving staff needs to see who works where).
struct StaffController: Sendable {
    let accounts: any AccountStore
    let passwords: any PasswordHasher

    func register(on routes: RouteTable) {
        routes.get("/api/v1/staff", policy: .roles([.administrator]), use: list)
        routes.post("/api/v1/staff", policy: .roles([.administrator]), use: create)
        routes.post("/api/v1/staff/{username}/disable", policy: .roles([.administrator]), use: disable)
        routes.get("/api/v1/staff/{username}/changes", policy: .roles([.administrator]), use: changes)
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

    struct CreateRequest: Decodable {
        let username: String
        let fullName: String
        let roles: [String]
        let offices: [String]?
        let agencies: [String]?
        let homeOffice: String?
        /// When absent a password is generated and returned once.
        let password: String?
    }

    struct Created: Encodable {
        let account: StaffView
        /// Only when generated: shown once, never stored in clear.
        @ExplicitNull var password: String?
    }

    @Sendable func create(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let body = try await JSONInput.decode(CreateRequest.self, from: request, context: context)
        var errors: [ValidationError] = []
        let roles: [Role] = body.roles.compactMap { raw in
            if let role = Role(rawValue: raw) { return role }
            errors.append(
                ValidationError(
                    field: "/roles",
                    message: "Vai trò '\(raw)' không hợp lệ.",
                    messageEn: "Unknown role '\(raw)'; use \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            )
            return nil
        }
        let offices: [OfficeCode] = (body.offices ?? []).compactMap { raw in
            do throws(ValidationError) { return try OfficeCode(raw) } catch {
                errors.append(ValidationError(field: "/offices", message: error.message, messageEn: error.messageEn))
                return nil
            }
        }
        var home: OfficeCode?
        if let raw = body.homeOffice {
            do throws(ValidationError) { home = try OfficeCode(raw) } catch {
                errors.append(ValidationError(field: "/homeOffice", message: error.message, messageEn: error.messageEn))
            }
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        let member: StaffMember
        do {
            member = try StaffMember(
                username: body.username,
                fullName: body.fullName,
                roles: Set(roles),
                scope: StaffScope(offices: Set(offices), agencies: Set(body.agencies ?? [])),
                homeOffice: home
            )
        } catch {
            throw Problem.invalid(error)
        }
        let generated = body.password == nil ? SystemRandomSource().token(byteCount: 12) : nil
        do {
            try await StaffAccounts(accounts: accounts, passwords: passwords).add(
                member,
                password: body.password ?? generated!,
                actor: actor.username
            )
        } catch let error as ValidationError {
            throw Problem.invalid([ValidationError(field: "/" + error.field, message: error.message, messageEn: error.messageEn)])
        }
        return try JSONBody.response(Created(account: StaffView(member), password: generated), status: .created)
    }

    @Sendable func disable(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let username = try context.parameters.require("username").lowercased()
        do {
            try await StaffAccounts(accounts: accounts, passwords: passwords).disable(username, actor: actor.username)
        } catch StaffAccounts.DisableRefusal.ownAccount {
            throw Problem(
                type: "/problems/own-account",
                title: "Conflict",
                status: .conflict,
                detail: "Không thể tự khoá tài khoản của chính mình; hãy nhờ một quản trị viên khác.",
                detailEn: "You cannot disable your own account; ask another administrator."
            )
        } catch StaffAccounts.DisableRefusal.lastAdministrator {
            throw Problem(
                type: "/problems/last-administrator",
                title: "Conflict",
                status: .conflict,
                detail: "Đây là quản trị viên cuối cùng còn hoạt động; hãy thêm quản trị viên khác trước khi khoá.",
                detailEn: "This is the last active administrator; add another administrator before disabling it."
            )
        }
        guard let record = try await accounts.staff(username) else {
            throw Problem.notFound(kind: "staff account", kindVi: "tài khoản", code: username)
        }
        return try JSONBody.response(StaffView(record.member))
    }

    @Sendable func changes(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let username = try context.parameters.require("username").lowercased()
        guard try await accounts.staff(username) != nil else { throw Problem.notFound(kind: "staff account", kindVi: "tài khoản", code: username) }
        let records = try await accounts.changes(entity: "staff", key: username) + accounts.changes(entity: "staff.password", key: username)
        let views = records.sorted { $0.at < $1.at }.map(ChangesController.ChangeView.init)
        return try JSONBody.response(PageBody(items: views, nextCursor: nil))
    }

    @Sendable func atOffice(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try OfficeCode(try context.parameters.require("code"))
        let members = try await accounts.allStaff().filter { $0.scope.offices.contains(office) }
        return try JSONBody.response(PageBody(items: members.map(StaffView.init), nextCursor: nil))
    }
}

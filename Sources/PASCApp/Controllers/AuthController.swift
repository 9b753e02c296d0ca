import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// `/api/v1/auth`: sign in and out, who am I, API tokens.
struct AuthController: Sendable {
    let authentication: Authentication

    func register(on routes: RouteTable) {
        routes.post("/api/v1/auth/login", policy: .everyone, idempotent: false, use: login)
        routes.post("/api/v1/auth/logout", policy: .staff, idempotent: false, use: logout)
        routes.get("/api/v1/auth/me", policy: .staff, use: me)
        routes.post("/api/v1/auth/tokens", policy: .staff, idempotent: false, use: issueToken)
    }

    struct LoginRequest: Decodable {
        let username: String
        let password: String
    }

    struct SessionView: Encodable {
        let username: String
        let fullName: String
        let roles: [String]
        let offices: [String]
        let agencies: [String]
        /// Send back in `X-CSRF-Token` with every request that changes something.
        let csrfToken: String?
    }

    @Sendable func login(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let body = try await JSONInput.decode(LoginRequest.self, from: request, context: context)
        do {
            let session = try await authentication.signIn(username: body.username, password: body.password, address: context.clientAddress)
            var response = try JSONBody.response(Self.view(session.member, csrfToken: session.csrfToken))
            response.setCookie(AuthenticationMiddleware.sessionCookie(session.id, overTLS: context.overTLS))
            return response
        } catch Authentication.Failure.invalidCredentials {
            throw Problem(
                type: "/problems/invalid-credentials",
                title: "Unauthorized",
                status: .unauthorized,
                detail: "Tên đăng nhập hoặc mật khẩu không đúng.",
                detailEn: "Wrong username or password."
            )
        } catch Authentication.Failure.tooManyAttempts(let seconds) {
            throw Problem.tooManyRequests(retryAfterSeconds: seconds)
        }
    }

    @Sendable func logout(_ request: Request, context: PASCRequestContext) async throws -> Response {
        if let id = request.cookies[AuthenticationMiddleware.cookieName]?.value { try await authentication.signOut(sessionID: id) }
        var response = Response(status: .noContent)
        response.setCookie(
            Cookie(
                name: AuthenticationMiddleware.cookieName,
                value: "",
                maxAge: 0,
                path: "/",
                secure: context.overTLS,
                httpOnly: true,
                sameSite: .lax
            )
        )
        return response
    }

    @Sendable func me(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        return try JSONBody.response(Self.view(member, csrfToken: nil))
    }

    struct TokenRequest: Decodable {
        let label: String
    }

    struct TokenView: Encodable {
        let id: String
        /// Shown once: store it now, it cannot be read again.
        let token: String
        let label: String
    }

    @Sendable func issueToken(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let body = try await JSONInput.decode(TokenRequest.self, from: request, context: context)
        let label = TextFolding.normalize(body.label)
        guard (1...100).contains(label.count) else {
            throw Problem.invalid([ValidationError(field: "/label", message: "Nhãn dài 1–100 ký tự.", messageEn: "label must be 1–100 characters.")])
        }
        let issued = try await authentication.issueToken(for: member.username, label: label)
        return try JSONBody.response(TokenView(id: issued.id, token: issued.token, label: label), status: .created)
    }

    static func view(_ member: StaffMember, csrfToken: String?) -> SessionView {
        SessionView(
            username: member.username,
            fullName: member.fullName,
            roles: member.roles.sorted().map(\.rawValue),
            offices: member.scope.offices.sorted().map(\.rawValue),
            agencies: member.scope.agencies.sorted(),
            csrfToken: csrfToken
        )
    }
}

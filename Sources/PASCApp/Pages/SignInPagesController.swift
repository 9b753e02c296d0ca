import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// Staff sign in and out through pages. The session cookie is the API's; the page's
/// anti-forgery token goes in a second cookie (HttpOnly, SameSite=Strict) from which each staff
/// page copies it into its forms, because a page cannot send the API's header.
struct SignInPagesController: Sendable {
    static let csrfCookie = "pasc_csrf"

    let pages: PageRenderer
    let authentication: Authentication

    func register(on routes: RouteTable) {
        routes.get("/sign-in", policy: .everyone, use: form)
        routes.post("/sign-in", policy: .everyone, idempotent: false, use: signIn)
        routes.post("/sign-out", policy: .everyone, idempotent: false, use: signOut)
    }

    @Sendable func form(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try page(request, back: PageRenderer.localTarget(PublicPagesController.query(request, "back")), username: nil, error: nil)
    }

    func page(_ request: Request, back: String, username: String?, error: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        try pages.page(
            "sign-in",
            title: "signin_title",
            values: ["back": back, "username": username, "error": error],
            request: request,
            status: status
        )
    }

    @Sendable func signIn(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let form = try await PageForm.read(request, context: PASCRequestContext.anonymous(context))
        let language = PageLanguage(request)
        let back = form.value("back").map { PageRenderer.localTarget($0) }
        let username = form.value("username") ?? ""
        do {
            let session = try await authentication.signIn(
                username: username,
                password: form.fields["password"]?.first ?? "",
                address: context.clientAddress
            )
            var response = Response(
                status: .seeOther,
                headers: [.location: back.flatMap { $0 == "/" ? nil : $0 } ?? Self.home(of: session.member), .cacheControl: "no-store"]
            )
            response.setCookie(AuthenticationMiddleware.sessionCookie(session.id, overTLS: context.overTLS))
            response.setCookie(
                Cookie(name: Self.csrfCookie, value: session.csrfToken, path: "/", secure: context.overTLS, httpOnly: true, sameSite: .strict)
            )
            return response
        } catch Authentication.Failure.invalidCredentials {
            return try page(request, back: back ?? "/", username: username, error: pages.text.text("signin_wrong", language), status: .unauthorized)
        } catch Authentication.Failure.tooManyAttempts(let seconds) {
            let minutes = String(max(1, (seconds + 59) / 60))
            return try page(
                request,
                back: back ?? "/",
                username: username,
                error: pages.text.text("signin_too_many", language, minutes),
                status: .tooManyRequests
            )
        }
    }

    @Sendable func signOut(_ request: Request, context: PASCRequestContext) async throws -> Response {
        _ = try? await PageForm.read(request, context: PASCRequestContext.anonymous(context))
        if let id = request.cookies[AuthenticationMiddleware.cookieName]?.value { try await authentication.signOut(sessionID: id) }
        var response = Response(status: .seeOther, headers: [.location: "/sign-in", .cacheControl: "no-store"])
        for name in [AuthenticationMiddleware.cookieName, Self.csrfCookie] {
            response.setCookie(Cookie(name: name, value: "", maxAge: 0, path: "/", secure: context.overTLS, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// Where a member starts: the counter desk, the agency's inbox or the administration.
    static func home(of member: StaffMember) -> String {
        if member.roles.contains(.receptionOfficer) || (member.roles.contains(.leader) && !member.scope.offices.isEmpty) { return "/desk" }
        if !member.scope.agencies.isEmpty { return "/agency" }
        if member.roles.contains(.administrator) { return "/admin" }
        return "/"
    }

    /// The sign-in page for a request that lost its session (or never had one), with the way
    /// back: the page itself for a GET, the page the form was on for a POST.
    static func signInAgain(_ request: Request) -> Response {
        var back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        if request.method != .get {
            back =
                request.headers[.referer].flatMap { URLComponents(string: $0) }.map {
                    ($0.percentEncodedPath) + ($0.percentEncodedQuery.map { "?" + $0 } ?? "")
                } ?? "/"
        }
        let encoded = PageRenderer.localTarget(back).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"
        return Response(status: .seeOther, headers: [.location: "/sign-in?back=" + encoded, .cacheControl: "no-store"])
    }
}

extension PASCRequestContext {
    /// The context as an anonymous caller's: sign-in and sign-out forms are not the session's own
    /// forms (a stale cookie must not stop a new sign-in).
    static func anonymous(_ context: PASCRequestContext) -> PASCRequestContext {
        var copy = context
        copy.member = nil
        copy.credential = .none
        return copy
    }
}

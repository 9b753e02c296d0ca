import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// Finds who is calling: a bearer token (integrations) or the session cookie (pages).
///
/// A malformed or unknown bearer token is a 401 at once; an unknown or expired cookie just
/// leaves the caller anonymous (and the policy decides). Requests that change state with a
/// session cookie must carry its CSRF token in `X-CSRF-Token` (the API) or in the form (pages).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = PASCRequestContext
    static let cookieName = "pasc_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let authentication: Authentication
    /// Proxies whose `X-Forwarded-For` is believed.
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = ClientAddress.resolve(
            peer: context.peerAddress,
            forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!],
            trustedProxies: trustedProxies
        )
        context.overTLS =
            trustedProxies.contains(context.peerAddress)
            && request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", parts[1].count <= 200,
                let member = try await authentication.member(token: String(parts[1]))
            else {
                throw Problem.unauthenticated()
            }
            context.member = member
            context.credential = .token
        } else if let cookie = request.cookies[Self.cookieName]?.value, cookie.count <= 200,
            let (member, csrfHash) = try await authentication.member(sessionID: cookie)
        {
            context.member = member
            context.credential = .session(csrfHash: csrfHash)
            // A page's form carries its token in a field, which `PageForm.read` checks: every
            // handler outside /api/ reads its body there.
            if ![.get, .head, .options].contains(request.method), !Self.isPageForm(request) {
                let sent = request.headers[Self.csrfHeader] ?? ""
                guard AccessSecret.constantTimeEquals(Array(authentication.secrets.digest(sent).utf8), Array(csrfHash.utf8)) else {
                    throw Problem(
                        type: "/problems/csrf",
                        title: "Forbidden",
                        status: .forbidden,
                        detail: "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token) của phiên đăng nhập.",
                        detailEn: "The session's anti-forgery token (X-CSRF-Token) is missing or wrong."
                    )
                }
            }
        }
        return try await next(request, context)
    }

    /// The session cookie set at sign-in, by the API and by the sign-in page alike.
    static func sessionCookie(_ id: String, overTLS: Bool) -> Cookie {
        Cookie(name: cookieName, value: id, path: "/", secure: overTLS, httpOnly: true, sameSite: .lax)
    }

    /// A form posted by a page: outside the JSON API, in one of the encodings browsers send.
    static func isPageForm(_ request: Request) -> Bool {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        return !request.uri.path.hasPrefix("/api/")
            && (type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/form-data"))
    }
}

import Foundation
import HTTPTypes
import Hummingbird

/// The language of a page: Vietnamese unless the visitor chose English with the switch, which is
/// remembered in a cookie (no account needed; the same on a kiosk as on a phone).
enum PageLanguage: String, CaseIterable, Sendable {
    case vi, en

    static let cookieName = "pasc_lang"

    /// The choice in the request's cookie; Vietnamese when there is none or it is not a language.
    init(_ request: Request) {
        self = request.cookies[Self.cookieName].flatMap { PageLanguage(rawValue: $0.value) } ?? .vi
    }

    var other: PageLanguage { self == .vi ? .en : .vi }

    /// The switch's own label is in the language it switches to.
    var name: String { self == .vi ? "Tiếng Việt" : "English" }

    /// A year, `Path=/`, `SameSite=Lax`: a preference, readable by nothing but the server.
    var cookie: Cookie {
        Cookie(name: Self.cookieName, value: rawValue, maxAge: 365 * 24 * 3600, path: "/", httpOnly: true, sameSite: .lax)
    }
}

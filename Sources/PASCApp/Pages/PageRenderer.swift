import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import PASCDomain

/// Renders the pages' Mustache templates (`Resources/templates/pages`) inside the shared layout,
/// with the page's language table as `t`. Mustache escapes every value, so nothing typed by a
/// person becomes markup.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let text: PageText

    /// The page templates in the bundle.
    static var folder: URL? { Bundle.module.url(forResource: "templates", withExtension: nil)?.appendingPathComponent("pages") }

    init() throws {
        guard let folder = Self.folder else {
            throw FormError("the page templates are missing from the PASCApp bundle")
        }
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".mustache") }).sorted() {
            let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(source, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        text = try PageText()
    }

    /// The template's page, in the request's language. `values` are the template's own; `title` is
    /// a key of the catalog or, when it is none, the title itself (a procedure's name).
    func page(
        _ template: String,
        title: String,
        values: [String: Any] = [:],
        request: Request,
        member: StaffMember? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let language = PageLanguage(request)
        let table = text.table(language)
        var context = values
        if let member {
            context["staff"] =
                [
                    "name": member.fullName,
                    "csrf": Self.csrf(request) ?? "",
                    "desk": member.roles.contains(.receptionOfficer) || (member.roles.contains(.leader) && !member.scope.offices.isEmpty),
                    "inbox": !member.scope.agencies.isEmpty,
                    "admin": member.roles.contains(.administrator),
                    "dashboard": member.roles.contains(.leader),
                ] as [String: Any]
        }
        context["t"] = table
        context["lang"] = language.rawValue
        context["pageTitle"] = table[title] ?? title
        context["switchLabel"] = language.other.name
        context["switchLang"] = language.other.rawValue
        context["switchHref"] = "/language/\(language.other.rawValue)?back=" + Self.back(request)
        guard let html = library.render(Self.pruned(context) ?? [:], withTemplate: template) else {
            throw FormError("no page template \(template)")
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// The session's anti-forgery token for the page's forms (see ``SignInPagesController``).
    static func csrf(_ request: Request) -> String? { request.cookies[SignInPagesController.csrfCookie]?.value }

    /// The context without its absent values: Mustache would print an empty optional as "nil"
    /// and open a section on it, where the page means "nothing here".
    static func pruned(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return pruned(wrapped)
        }
        if let dictionary = value as? [String: Any] { return dictionary.compactMapValues(pruned) }
        if let list = value as? [[String: Any]] { return list.map { $0.compactMapValues(pruned) } }
        return value
    }

    /// The request's path and query, escaped for a query value: where the switch brings one back.
    static func back(_ request: Request) -> String {
        let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
    }

    /// A place inside this site to go back to: a path, never another site (`//host`, `https:`).
    /// Browsers drop tabs, line breaks and ignorable marks from addresses and read `\` as `/`, so
    /// `/<tab>/host` or `/` + `/` with a combining mark would be `//host`: only printable ASCII
    /// without a backslash is let through (the switch's own links are percent-encoded ASCII), and
    /// the check is on bytes, not on characters that may join a mark to the second `/`.
    static func localTarget(_ raw: String?) -> String {
        guard let raw else { return "/" }
        let bytes = Array(raw.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count == 1 || bytes[1] != UInt8(ascii: "/"),
            bytes.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") })
        else { return "/" }
        return raw
    }
}

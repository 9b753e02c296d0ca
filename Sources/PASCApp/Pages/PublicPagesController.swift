import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// The public's pages, server-rendered: home, procedures, offices, tracking a dossier, and the
/// language switch. They read the same ports as the JSON API and never show personal data; an
/// unexpected query parameter is ignored, never an error.
struct PublicPagesController: Sendable {
    let pages: PageRenderer
    let directory: Directory
    let network: NetworkCache
    let calendar: CalendarService
    let queue: QueueDesk
    let dossiers: any DossierStore
    let log: TransparencyLog
    /// The log's own check of a dossier; nil when the server has no key to check signatures with.
    let audit: LogAudit?
    /// The log's verifier key (signed-note form), nil when the server has none.
    let verifierKey: String?
    let statistics: PublicStatistics
    let clock: any Clock
    let stylesheet: String
    let script: String

    init(
        directory: Directory,
        network: NetworkCache,
        calendar: CalendarService,
        queue: QueueDesk,
        dossiers: any DossierStore,
        log: TransparencyLog,
        audit: LogAudit?,
        verifierKey: String?,
        statistics: PublicStatistics,
        clock: any Clock
    ) throws {
        pages = try PageRenderer()
        self.directory = directory
        self.network = network
        self.calendar = calendar
        self.queue = queue
        self.dossiers = dossiers
        self.log = log
        self.audit = audit
        self.verifierKey = verifierKey
        self.statistics = statistics
        self.clock = clock
        stylesheet = try BundledAsset.text("site.css")
        script = try BundledAsset.text("site.js")
    }

    func register(on routes: RouteTable) {
        routes.get("/", policy: .everyone, use: home)
        routes.get("/language/{lang}", policy: .everyone, use: language)
        routes.get("/procedures", policy: .everyone, use: procedures)
        routes.get("/procedures/{code}", policy: .everyone, use: procedure)
        routes.get("/offices", policy: .everyone, use: offices)
        routes.get("/offices/{code}", policy: .everyone, use: office)
        routes.get("/track", policy: .everyone, use: track)
        routes.get("/dossiers/{code}", policy: .everyone, use: dossier)
        routes.get("/transparency", policy: .everyone, use: logPage)
        routes.get("/statistics", policy: .everyone, use: statisticsPage)
        routes.get("/assets/site.css", policy: .everyone) { _, _ in BoardController.text(stylesheet, type: "text/css; charset=utf-8") }
        routes.get("/assets/site.js", policy: .everyone) { _, _ in BoardController.text(script, type: "text/javascript; charset=utf-8") }
    }

    /// One query parameter's value, trimmed, NFC; nil when absent or empty.
    static func query(_ request: Request, _ name: String) -> String? {
        guard let raw = request.uri.queryParameters[Substring(name)].map(String.init) else { return nil }
        let value = TextFolding.normalize(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : String(value.prefix(200))
    }

    @Sendable func home(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try pages.page("home", title: "home_title", values: ["communes": try await communes(selected: nil)], request: request)
    }

    /// Remembers the choice and goes back where the visitor was (a path of this site only).
    @Sendable func language(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let chosen = PageLanguage(rawValue: try context.parameters.require("lang")) ?? .vi
        var response = Response(
            status: .seeOther,
            headers: [.location: PageRenderer.localTarget(Self.query(request, "back")), .cacheControl: "no-store"]
        )
        response.setCookie(chosen.cookie)
        return response
    }

    /// The page for a thing that does not exist, in the page's language; the same for every
    /// unknown code, so it tells nothing about codes that do.
    func notFound(_ request: Request, what: String) throws -> Response {
        try pages.page(
            "not-found",
            title: "not_found_title",
            values: ["what": pages.text.text(what, PageLanguage(request))],
            request: request,
            status: .notFound
        )
    }

    /// Commune-level units for the "where can I go" choice, by name.
    func communes(selected: String?) async throws -> [[String: Any]] { try await Self.communes(directory, selected: selected) }

    static func communes(_ directory: Directory, selected: String?) async throws -> [[String: Any]] {
        var units: [AdministrativeUnit] = []
        var cursor: Cursor?
        repeat {
            let page = try await directory.units(UnitFilter(level: nil, parentCode: nil), page: PageRequest(limit: 1000, cursor: cursor))
            units += page.items.filter(\.level.isCommuneLevel)
            cursor = page.nextCursor
        } while cursor != nil
        return units.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }.map {
            ["code": $0.code, "name": $0.name, "selected": $0.code == selected]
        }
    }
}

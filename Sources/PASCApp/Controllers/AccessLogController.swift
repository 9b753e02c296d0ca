import Hummingbird
import PASCCore
import PASCDomain

/// The access log of personal data, for audit: who read which dossier's personal data, when,
/// through which route. The log names staff and dossiers, never the data itself.
struct AccessLogController: Sendable {
    let log: any AccessLogStore

    func register(on routes: RouteTable) {
        routes.get("/api/v1/personal-data-reads", policy: .roles([.administrator]), use: list)
    }

    struct ReadView: Encodable, Sendable {
        let at: String
        let actor: String
        let roles: [String]
        let dossier: String
        let route: String
        let kinds: [String]

        init(_ read: PersonalDataRead) {
            at = read.at
            actor = read.actor
            roles = read.roles.map(\.rawValue)
            dossier = read.dossier
            route = read.route
            kinds = read.kinds.map(\.rawValue)
        }
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: ["dossier", "limit", "cursor"])
        let dossier = query.string("dossier")
        let page = query.page()
        query.requireNumberedCursor(page)
        try query.finish()
        let result = try await log.personalDataReads(dossier: dossier, page: page)
        return try JSONBody.response(PageBody(items: result.items.map(ReadView.init), nextCursor: result.nextCursor?.token))
    }
}

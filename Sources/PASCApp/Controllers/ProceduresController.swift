import Hummingbird
import PASCCore
import PASCDomain

/// `/api/v1/procedures`: the catalog, searchable without diacritics ("dang ky khai sinh").
struct ProceduresController: Sendable {
    let directory: Directory

    /// The query parameters the list route accepts (the OpenAPI document must list the same).
    static var listParameters: [String] { ["q", "field", "level", "boundaryFree", "limit", "cursor"] }

    func register(on routes: RouteTable) {
        routes.get("/api/v1/procedures", policy: .everyone, use: list)
        routes.get("/api/v1/procedures/{code}", policy: .everyone, use: show)
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.listParameters)
        let filter = ProcedureFilter(
            query: query.string("q"),
            field: query.string("field"),
            level: query.enumValue("level", ProcedureLevel.self),
            boundaryFree: query.bool("boundaryFree")
        )
        let page = query.page()
        query.requireCursorKind(page, distanceOrdered: false)
        try query.finish()
        let result = try await directory.procedures(filter, page: page)
        return try JSONBody.response(PageBody(items: result.items.map(ProcedureView.init), nextCursor: result.nextCursor?.token))
    }

    @Sendable func show(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let code = try? ProcedureCode(raw), let procedure = try await directory.procedure(code) else {
            throw Problem.notFound(kind: "procedure", kindVi: "thủ tục", code: raw)
        }
        return try JSONBody.response(ProcedureView(procedure))
    }
}

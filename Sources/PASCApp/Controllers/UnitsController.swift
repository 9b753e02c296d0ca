import Hummingbird
import PASCCore
import PASCDomain

/// `/api/v1/units`: the province's districts and commune-level units with their GSO codes.
struct UnitsController: Sendable {
    let directory: Directory

    /// The query parameters the list route accepts (the OpenAPI document must list the same).
    static var listParameters: [String] { ["level", "parent", "limit", "cursor"] }

    func register(on routes: RouteTable) {
        routes.get("/api/v1/units", policy: .everyone, use: list)
        routes.get("/api/v1/units/{code}", policy: .everyone, use: show)
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.listParameters)
        let filter = UnitFilter(level: query.enumValue("level", AdministrativeUnit.Level.self), parentCode: query.string("parent"))
        let page = query.page()
        query.requireCursorKind(page, distanceOrdered: false)
        try query.finish()
        let result = try await directory.units(filter, page: page)
        return try JSONBody.response(PageBody(items: result.items.map(UnitView.init), nextCursor: result.nextCursor?.token))
    }

    @Sendable func show(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let unit = try await directory.unit(code) else {
            throw Problem.notFound(kind: "administrative unit", kindVi: "đơn vị hành chính", code: code)
        }
        return try JSONBody.response(UnitView(unit))
    }
}

import Hummingbird
import PASCCore
import PASCDomain

/// `/api/v1/offices`: the office network, filterable, or sorted by distance from a point.
struct OfficesController: Sendable {
    let directory: Directory

    /// The query parameters the list route accepts (the OpenAPI document must list the same).
    static var listParameters: [String] { ["level", "parent", "areaType", "near", "limit", "cursor"] }

    func register(on routes: RouteTable) {
        routes.get("/api/v1/offices", policy: .everyone, use: list)
        routes.get("/api/v1/offices/{code}", policy: .everyone, use: show)
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.listParameters)
        let filter = OfficeFilter(
            level: query.enumValue("level", OfficeLevel.self),
            parentCode: query.officeCode("parent"),
            areaType: query.enumValue("areaType", AreaType.self)
        )
        let near = query.coordinate("near")
        let page = query.page()
        query.requireCursorKind(page, distanceOrdered: near != nil)
        try query.finish()
        let result = try await directory.offices(filter, near: near, page: page)
        return try JSONBody.response(
            PageBody(items: result.items.map { OfficeView($0.office, distanceKm: $0.distanceKm) }, nextCursor: result.nextCursor?.token)
        )
    }

    @Sendable func show(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let code = try? OfficeCode(raw), let office = try await directory.office(code) else {
            throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: raw)
        }
        return try JSONBody.response(OfficeView(office))
    }
}

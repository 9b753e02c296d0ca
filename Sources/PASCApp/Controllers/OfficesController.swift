import Hummingbird
import PASCCore
import PASCDomain

/// `/api/v1/offices`: the office network, filterable, or sorted by distance from a point.
struct OfficesController<Context: RequestContext>: Sendable {
    let directory: Directory

    func register(on router: Router<Context>) {
        router.get("/api/v1/offices", use: list)
        router.get("/api/v1/offices/:code", use: show)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        var query = QueryReader(request, allowed: ["level", "parent", "areaType", "near", "limit", "cursor"])
        let filter = OfficeFilter(
            level: query.enumValue("level", OfficeLevel.self),
            parentCode: query.officeCode("parent"),
            areaType: query.enumValue("areaType", AreaType.self)
        )
        let near = query.coordinate("near")
        let page = query.page()
        if near != nil, case .after = page.cursor {
            query.errorsAppendCursorMismatch()
        }
        try query.finish()
        let result = try await directory.offices(filter, near: near, page: page)
        return try JSONBody.response(
            PageBody(items: result.items.map { OfficeView($0.office, distanceKm: $0.distanceKm) }, nextCursor: result.nextCursor?.token)
        )
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let code = try? OfficeCode(raw), let office = try await directory.office(code) else {
            throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: raw)
        }
        return try JSONBody.response(OfficeView(office))
    }
}

extension QueryReader {
    /// A cursor from a code-ordered list cannot continue a distance-ordered one, and the other way round.
    mutating func errorsAppendCursorMismatch() {
        appendError(
            ValidationError(
                field: "cursor",
                message: "'cursor' này thuộc một danh sách khác; hãy dùng nextCursor của cùng truy vấn.",
                messageEn: "This cursor belongs to a different listing; pass the nextCursor of the same query."
            )
        )
    }
}

import Hummingbird
import PASCCore
import PASCDomain

/// `/api/v1/procedures`: the catalog, searchable without diacritics ("dang ky khai sinh").
struct ProceduresController: Sendable {
    let directory: Directory
    let calendar: CalendarService
    let clock: any Clock

    /// The query parameters the list route accepts (the OpenAPI document must list the same).
    static var listParameters: [String] { ["q", "field", "level", "boundaryFree", "limit", "cursor"] }

    func register(on routes: RouteTable) {
        routes.get("/api/v1/procedures", policy: .everyone, use: list)
        routes.get("/api/v1/procedures/{code}", policy: .everyone, use: show)
        routes.get("/api/v1/procedures/{code}/appointment", policy: .everyone, use: appointment)
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

    /// The appointment a citizen would get by submitting at `submittedAt` (default now), so people
    /// can plan their visit; the days off it skips are listed with their names.
    @Sendable func appointment(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        var query = QueryReader(request, allowed: ["submittedAt"])
        var submittedAt = clock.now()
        if let text = query.string("submittedAt") {
            // The calendar's rules and Viet Nam's single +07:00 offset hold from 2000; refuse what is outside.
            if let parsed = VietnamTime.parseInstant(text), (2000...2099).contains(VietnamTime.localDate(parsed).year) {
                submittedAt = parsed
            } else {
                query.errors.append(
                    ValidationError(
                        field: "submittedAt",
                        message:
                            "'submittedAt' phải là thời điểm ISO 8601 trong các năm 2000–2099, ví dụ 2026-09-15T09:30:00+07:00, nhận được '\(text)'.",
                        messageEn: "'submittedAt' must be an ISO 8601 time in 2000–2099 such as 2026-09-15T09:30:00+07:00, got '\(text)'."
                    )
                )
            }
        }
        try query.finish()
        guard let code = try? ProcedureCode(raw), let procedure = try await directory.procedure(code) else {
            throw Problem.notFound(kind: "procedure", kindVi: "thủ tục", code: raw)
        }
        let workingCalendar = try await calendar.calendar()
        let result = Appointment.count(procedure.timeLimit, submittedAt: VietnamTime.localDateTime(submittedAt), calendar: workingCalendar)
        return try JSONBody.response(AppointmentView(procedure: procedure, submittedAt: submittedAt, appointment: result, calendar: workingCalendar))
    }
}

import Hummingbird
import PASCCore
import PASCDomain

/// The days off and make-up workdays announced each year, which override the calendar's rules:
/// public to read (a citizen planning a visit needs them), edited by administrators.
struct AnnouncedDaysController: Sendable {
    let masterData: MasterData
    /// Told about every change, so appointments count with it at once.
    let calendar: CalendarService
    let clock: any Clock

    func register(on routes: RouteTable) {
        routes.get("/api/v1/calendar/announced-days", policy: .everyone, use: list)
        routes.put("/api/v1/calendar/announced-days/{date}", policy: .roles([.administrator]), use: put)
        routes.delete("/api/v1/calendar/announced-days/{date}", policy: .roles([.administrator]), use: remove)
    }

    struct DayView: Encodable, Sendable {
        let date: String
        let weekday: String
        let kind: String
        let name: String
        let nameEn: String
        let reference: String

        init(_ day: AnnouncedDay) {
            date = day.date.description
            weekday = day.date.weekday.rawValue
            kind = day.kind.rawValue
            name = day.name
            nameEn = day.nameEn
            reference = day.reference
        }
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: ["year"])
        let year = query.integer("year", in: 1900...2200) ?? VietnamTime.localDate(clock.now()).year
        try query.finish()
        let days = try await masterData.store.announcedDays(year: year)
        return try JSONBody.response(PageBody(items: days.map(DayView.init), nextCursor: nil))
    }

    static func date(_ context: PASCRequestContext) throws -> LocalDate {
        let raw = try context.parameters.require("date")
        do throws(ValidationError) {
            return try LocalDate(iso: raw)
        } catch {
            throw Problem.invalid([ValidationError(field: "date", message: error.message, messageEn: error.messageEn)])
        }
    }

    struct PutBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, name, nameEn, reference
        }
        typealias Member = CodingKeys
        let kind: String
        let name: String
        let nameEn: String?
        let reference: String
    }

    @Sendable func put(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let date = try Self.date(context)
        let body = try await JSONInput.decodeStrict(PutBody.self, from: request, context: context)
        var errors = FieldErrors()
        let kind = errors.enumValue("/kind", body.kind, AnnouncedDay.Kind.self)
        try errors.check()
        do {
            let day = try AnnouncedDay(date: date, kind: kind!, name: body.name, nameEn: body.nameEn ?? "", reference: body.reference)
            try await masterData.putAnnouncedDay(day, actor: actor.username)
            calendar.invalidate()
            return try JSONBody.response(DayView(day))
        } catch let error as ValidationErrors {
            throw Problem.invalid(error)
        }
    }

    @Sendable func remove(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        try await masterData.removeAnnouncedDay(try Self.date(context), actor: actor.username)
        calendar.invalidate()
        return Response(status: .noContent)
    }
}

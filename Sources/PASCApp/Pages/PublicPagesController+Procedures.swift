import Foundation
import Hummingbird
import PASCCore
import PASCDomain

extension PublicPagesController {
    /// Procedures found by words typed with or without diacritics, 20 to a page.
    @Sendable func procedures(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let language = PageLanguage(request)
        let words = Self.query(request, "q")
        let cursor = Self.query(request, "cursor").flatMap { Cursor(token: $0) }
        let found = try await ProcedureSearch.run(directory, words: words, page: PageRequest(limit: 20, cursor: cursor), language: language)
        if let error = found.error {
            // A search text over its caps: the form again with why.
            return try pages.page(
                "procedures",
                title: "procedures_title",
                values: ["q": "", "results": [Any](), "none": false, "error": error],
                request: request,
                status: .badRequest
            )
        }
        var next: String?
        if let token = found.nextCursor?.token {
            var query = URLComponents()
            query.queryItems = [URLQueryItem(name: "q", value: words ?? ""), URLQueryItem(name: "cursor", value: token)]
            next = "/procedures?" + (query.percentEncodedQuery ?? "")
        }
        return try pages.page(
            "procedures",
            title: "procedures_title",
            values: [
                "q": words ?? "",
                "results": found.items.map { procedureRow($0, language) },
                "none": found.items.isEmpty,
                "next": next as Any,
            ],
            request: request
        )
    }

    /// A procedure as a citizen asks about it: papers, fee, time, the date one would be given
    /// today, and where to hand it in.
    @Sendable func procedure(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let language = PageLanguage(request)
        let raw = try context.parameters.require("code")
        guard let code = try? ProcedureCode(raw), let procedure = try await directory.procedure(code) else {
            return try notFound(request, what: "what_procedure")
        }
        let appointment = try await calendar.appointment(for: procedure, submittedAt: clock.now())
        var values = procedureRow(procedure, language)
        values["field"] = procedure.field
        values["agency"] = procedure.competentAgencyText
        values["papers"] = procedure.requiredPapers
        values["hasPapers"] = !procedure.requiredPapers.isEmpty
        values["fee"] =
            procedure.feeVND.map { $0 == 0 ? pages.text.text("fee_none", language) : PageFormat.money($0) }
            ?? pages.text.text("fee_unknown", language)
        values["online"] = pages.text.text("online_" + (procedure.onlineLevel?.rawValue ?? "none"), language)
        if OnlineSubmissionController.offersOnline(procedure) { values["submitHref"] = "/procedures/\(procedure.code)/submit" }
        values["appointmentDate"] = PageFormat.date(appointment.date)
        values["appointmentDue"] = PageFormat.dateTime(appointment.due)
        values["appointmentRule"] = language == .vi ? appointment.rule : appointment.ruleEn
        values["submittedAt"] = PageFormat.dateTime(clock.now())
        values["boundaryFree"] = procedure.isBoundaryFree
        return try pages.page("procedure", title: language == .vi ? procedure.name : procedure.nameEn, values: values, request: request)
    }

    func procedureRow(_ procedure: Procedure, _ language: PageLanguage) -> [String: Any] {
        [
            "code": procedure.code.rawValue,
            "name": language == .vi ? procedure.name : procedure.nameEn,
            "otherName": language == .vi ? procedure.nameEn : procedure.name,
            "timeLimit": timeLimitText(procedure.timeLimit, language),
            "level": pages.text.text("level_" + procedure.level.rawValue, language),
            "boundaryFree": procedure.isBoundaryFree,
        ]
    }

    func timeLimitText(_ limit: TimeLimit, _ language: PageLanguage) -> String {
        switch limit {
        case .workingDays(let days): pages.text.text("limit_working_days", language, String(days))
        case .workingHours(let hours): pages.text.text("limit_working_hours", language, String(hours))
        case .calendarDays(let days): pages.text.text("limit_calendar_days", language, String(days))
        case .sameDay: pages.text.text("limit_same_day", language)
        }
    }
}

import Foundation
import Hummingbird
import PASCCore
import PASCDomain

extension StaffPagesController {
    /// The agencies a member works for; with only one, straight to its inbox.
    @Sendable func agencyChoice(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let agencies = member.scope.agencies.sorted()
        if agencies.count == 1 { return Self.after("/agency/\(agencies[0])") }
        let values = DossierPageValues(network: network, text: pages.text, language: language(request))
        var items: [[String: Any]] = []
        for code in agencies { items.append(["href": "/agency/\(code)", "name": try await values.agencyName(code)]) }
        return try pages.page("choose", title: "inbox_choose_title", values: ["items": items], request: request, member: member)
    }

    /// The agency's inbox: the unfinished dossiers it holds, soonest due first, the late and the
    /// at-risk (due by the next working day) marked, as the API's inbox orders them.
    @Sendable func inbox(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let agency = try context.parameters.require("code")
        let lang = language(request)
        let names = DossierPageValues(network: network, text: pages.text, language: lang)
        let rows = try await dossiers.inbox(agency: agency, statuses: DossierStatus.unfinished, after: nil, limit: 200)
        let now = VietnamTime.localDateTime(clock.now())
        let horizon = Lateness.alertHorizon(today: now.date, calendar: try await calendar.calendar())
        var procedures: [ProcedureCode: String] = [:]
        var items: [[String: Any]] = []
        for dossier in rows {
            if procedures[dossier.procedure] == nil {
                procedures[dossier.procedure] =
                    try await network.procedure(dossier.procedure).map { lang == .vi ? $0.name : $0.nameEn } ?? dossier.procedure.rawValue
            }
            let risk = now > dossier.holderDue ? "late" : (dossier.holderDue <= horizon ? "atRisk" : "onTrack")
            items.append([
                "code": dossier.code.description,
                "procedure": procedures[dossier.procedure] ?? "",
                "office": try await names.officeName(dossier.office.rawValue),
                "status": lang == .vi ? dossier.status.name : dossier.status.nameEn,
                "due": PageFormat.dateTime(dossier.holderDue),
                "risk": pages.text.text("risk_" + risk, lang),
                "riskClass": risk,
            ])
        }
        let values: [String: Any] = [
            "agency": try await names.agencyName(agency),
            "items": items,
            "more": rows.count == 200,
        ]
        return try pages.page("inbox", title: "inbox_title", values: values, request: request, member: member)
    }
}

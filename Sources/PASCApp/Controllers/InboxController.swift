import Foundation
import Hummingbird
import PASCCore
import PASCDomain

/// An agency's inbox: the unfinished dossiers it holds, soonest due first, with the late and the
/// at-risk (due by the next working day) marked. During an inter-agency step the dossier is in the
/// holding agency's inbox with that agency's own deadline. No personal data: staff open a
/// dossier's record (logged) to see the applicant.
struct InboxController: Sendable {
    let dossiers: any DossierStore
    let calendar: CalendarService
    let clock: any Clock

    func register(on routes: RouteTable) {
        routes.get("/api/v1/agencies/{code}/inbox", policy: .forAgency([.specialist, .leader]), target: .agencyParameter("code"), use: list)
    }

    struct Item: Encodable {
        let code: String
        let procedure: String
        let receivingOffice: String
        let status: DossierPublicView.Status
        let receivedAt: String
        /// This agency's deadline: its part of an inter-agency plan, else the appointment.
        let due: String
        let appointmentDue: String
        /// `late` (past due), `atRisk` (due by the end of the next working day) or `onTrack`.
        let risk: String
        let apologised: Bool
    }

    enum StatusFilter: String, CaseIterable {
        case open, accepted, processing, supplementRequested, paymentRequested, resultReady
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let agency = try context.parameters.require("code")
        var query = QueryReader(request, allowed: ["status", "limit", "cursor"])
        let filter = query.enumValue("status", StatusFilter.self) ?? .open
        let page = query.page()
        var after: InboxCursor?
        switch page.cursor {
        case .none: break
        case .after(let key):
            let parts = key.split(separator: "|").map(String.init)
            if parts.count == 2, let due = LocalDateTime(iso: parts[0]), let code = try? DossierCode(parts[1]) {
                after = InboxCursor(due: due, code: code)
            } else {
                query.refuseCursor()
            }
        default:
            query.refuseCursor()
        }
        try query.finish()
        let statuses: Set<DossierStatus> =
            filter == .open ? DossierStatus.unfinished : [DossierStatus(rawValue: filter.rawValue)!]
        let rows = try await dossiers.inbox(agency: agency, statuses: statuses, after: after, limit: page.limit + 1)
        let now = VietnamTime.localDateTime(clock.now())
        let horizon = Lateness.alertHorizon(today: now.date, calendar: try await calendar.calendar())
        let items = rows.prefix(page.limit).map { dossier in
            Item(
                code: dossier.code.description,
                procedure: dossier.procedure.rawValue,
                receivingOffice: dossier.office.rawValue,
                status: DossierPublicView.Status(dossier.status),
                receivedAt: VietnamTime.format(dossier.receivedAt),
                due: VietnamTime.format(VietnamTime.instant(dossier.holderDue)),
                appointmentDue: VietnamTime.format(VietnamTime.instant(dossier.appointmentDue)),
                risk: now > dossier.holderDue ? "late" : (dossier.holderDue <= horizon ? "atRisk" : "onTrack"),
                apologised: dossier.apologisedAt != nil
            )
        }
        let next = rows.count > page.limit ? rows[page.limit - 1] : nil
        let cursor = next.map { Cursor.after("\($0.holderDue)|\($0.code)").token }
        return try JSONBody.response(PageBody(items: items, nextCursor: cursor))
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// The staff's pages: the counter desk (queue, reception, return), the agency's inbox and a
/// dossier's page with the steps of its lifecycle. Each page route carries the same policy as the
/// API route it stands for; a lost session leads to the sign-in page and back (``PolicyGate``).
/// Forms post here and the handlers call the same use cases as the JSON API; an error is shown
/// next to its field with what the user typed kept.
struct StaffPagesController: Sendable {
    let pages: PageRenderer
    let network: NetworkCache
    let directory: Directory
    let calendar: CalendarService
    let reception: Reception
    let processing: Processing
    let digitisation: Digitisation
    let dossiers: any DossierStore & DocumentStore
    let queue: QueueController
    let gate: PersonalDataGate
    let clock: any Clock
    let uploadLimitBytes: Int

    func register(on routes: RouteTable) {
        routes.get("/desk", policy: .roles([.receptionOfficer, .leader]), use: deskChoice)
        routes.get("/desk/{code}", policy: .atOffice([.receptionOfficer, .leader]), target: .officeParameter("code"), use: desk)
        for verb in ["open", "close", "call-next"] {
            routes.post(
                "/desk/{code}/counters/{number}/\(verb)",
                policy: .atOffice([.receptionOfficer, .leader]),
                target: .officeParameter("code"),
                idempotent: false
            ) { request, context in try await counterStep(verb, request, context) }
        }
        routes.post(
            "/desk/{code}/tickets/{id}",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            idempotent: false,
            use: ticketStep
        )
        routes.get("/desk/{code}/find", policy: .atOffice([.receptionOfficer, .leader]), target: .officeParameter("code"), use: find)
        routes.get("/desk/{code}/receive", policy: .atOffice([.receptionOfficer, .leader]), target: .officeParameter("code"), use: receptionForm)
        routes.post(
            "/desk/{code}/receive",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            idempotent: false,
            maximumBodyBytes: uploadLimitBytes,
            use: receive
        )
        routes.get("/agency", policy: .roles([.specialist, .leader]), use: agencyChoice)
        routes.get("/agency/{code}", policy: .forAgency([.specialist, .leader]), target: .agencyParameter("code"), use: inbox)
        routes.get("/work/dossiers/{code}", policy: .forDossier, target: .dossierParameter("code"), use: dossierPage)
        routes.post("/work/dossiers/{code}", policy: .forDossier, target: .dossierParameter("code"), idempotent: false, use: dossierStep)
        routes.post(
            "/work/dossiers/{code}/scans",
            policy: .forDossier,
            target: .dossierParameter("code"),
            idempotent: false,
            maximumBodyBytes: uploadLimitBytes,
            use: attachScan
        )
    }

    /// The page's language.
    func language(_ request: Request) -> PageLanguage { PageLanguage(request) }

    /// After a step: back to a page (303), with a note of what was done for the page to show.
    static func after(_ path: String, done: String? = nil) -> Response {
        let target = done.map { path + (path.contains("?") ? "&" : "?") + "done=" + $0 } ?? path
        return Response(status: .seeOther, headers: [.location: target, .cacheControl: "no-store"])
    }

    /// The message of an error a use case refused with, in the page's language; nil for errors
    /// that are not the user's (they go to the error middleware).
    func message(of error: any Error, _ language: PageLanguage) -> String? {
        let vi = language == .vi
        switch error {
        case let error as ValidationErrors:
            return error.errors.map { vi ? $0.message : $0.messageEn }.joined(separator: " ")
        case let error as ValidationError:
            return vi ? error.message : error.messageEn
        case let error as IllegalTransition:
            return vi ? error.message : error.messageEn
        case let error as Problem:
            let fields = error.errors.map { vi ? $0.message : $0.messageEn }
            return fields.isEmpty ? (vi ? error.detail : error.detailEn) : fields.joined(separator: " ")
        case let error as Processing.NotYourAction:
            return pages.text.text("staff_not_your_step", language, error.roles.map(\.rawValue).sorted().joined(separator: ", "))
        case let error as QueueDesk.CounterNotOpen:
            return pages.text.text(error.openBy == nil ? "desk_counter_not_open" : "desk_counter_other", language, String(error.counter))
        case let error as IllegalTicketStep:
            return pages.text.text("desk_ticket_step", language, error.status.rawValue, error.action.rawValue)
        case let error as Reception.SubmissionMismatch:
            return vi ? error.message : error.messageEn
        case let error as SecondCompletionRequest:
            return vi ? error.message : error.messageEn
        case is Digitisation.UnsupportedType:
            return pages.text.text("scan_unsupported", language)
        case let error as Digitisation.TooLarge:
            return pages.text.text("scan_too_large", language, String(error.maximumBytes / 1_048_576))
        case StoreError.notFound(let kind, let code):
            return vi ? "Không tìm thấy \(ProblemMiddleware<PASCRequestContext>.vietnamese(kind)) '\(code)'." : "No \(kind) '\(code)'."
        case StoreError.changedMeanwhile(_, _), StoreError.conflict(_, _):
            return pages.text.text("staff_changed_meanwhile", language)
        default:
            return nil
        }
    }

    /// The offices a member works at, by name, for the desk's choice.
    func offices(of member: StaffMember) async throws -> [Office] {
        let all = try await network.network().offices
        let tree = OfficeTree(offices: all)
        return all.filter { office in member.scope.offices.contains { tree.isInSubtree(office.code, of: $0) } }
    }
}

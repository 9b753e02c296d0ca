import Foundation
import Hummingbird
import PASCCore
import PASCDomain
import PASCTransparency

extension PublicPagesController {
    /// The tracking form; with a code, that dossier's page. Text that is not a code gets the form
    /// again with the code's format; a code of no dossier a 404, the same for every such code.
    @Sendable func track(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let typed = Self.query(request, "code") else {
            return try pages.page("track", title: "track_title", values: [:], request: request)
        }
        let language = PageLanguage(request)
        guard let code = try? DossierCode(typed) else {
            let message = pages.text.text("track_malformed", language)
            return try pages.page("track", title: "track_title", values: ["code": typed, "error": message], request: request)
        }
        guard let found = try await dossiers.dossierWithEvents(code) else {
            let message = pages.text.text("track_unknown", language)
            return try pages.page("track", title: "track_title", values: ["code": typed, "error": message], request: request, status: .notFound)
        }
        return try await trackingPage(found.0, events: found.1, request: request)
    }

    @Sendable func dossier(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), let found = try await dossiers.dossierWithEvents(code) else {
            return try notFound(request, what: "what_dossier")
        }
        return try await trackingPage(found.0, events: found.1, request: request)
    }

    /// The public view (no personal data, no reasons typed by staff) as a timeline, and whether
    /// its history is in the latest signed checkpoint, each step's inclusion proof checked here.
    func trackingPage(_ dossier: StoredDossier, events: [DossierEvent], request: Request) async throws -> Response {
        let language = PageLanguage(request)
        let view = DossierPublicView(dossier, events: events, now: clock.now())
        var values = try await DossierPageValues(network: network, text: pages.text, language: language).values(view)
        if dossier.status == .returned { values["rateHref"] = "/dossiers/\(dossier.code)/rate" }
        values["log"] = try await logCheck(dossier.code, language)
        return try pages.page("dossier", title: pages.text.text("dossier_title", language, view.code), values: values, request: request)
    }

    /// "Included in checkpoint N signed at T" once `pasc verify --dossier`'s own check passes here:
    /// the checkpoint's signature, every step shown against its leaf (hash recomputed from the
    /// leaf's text), every leaf proved into the signed root. Steps newer than the checkpoint wait.
    func logCheck(_ code: DossierCode, _ language: PageLanguage) async throws -> [String: Any] {
        let text = pages.text
        guard let audit else { return ["included": false, "text": text.text("log_no_key", language)] }
        guard let checkpoint = try await log.store.latestCheckpoint() else {
            return ["included": false, "text": text.text("log_no_checkpoint", language)]
        }
        let signedAt = VietnamTime.parseInstant(checkpoint.signedAt).map(PageFormat.dateTime) ?? checkpoint.signedAt
        let proofs = "/api/v1/dossiers/\(code)/log"
        let leaves = try await log.store.logLeaves(ofDossier: code)
        if leaves.contains(where: { $0.index >= checkpoint.size }) {
            return ["included": false, "text": text.text("log_pending", language, String(checkpoint.size), signedAt), "proofs": proofs]
        }
        do {
            let checked = try await audit.checkDossier(code, against: checkpoint.note)
            return ["included": true, "text": text.text("log_included", language, String(checked.size), signedAt), "proofs": proofs]
        } catch {
            return ["included": false, "failed": true, "text": text.text("log_failed", language, error.entry), "proofs": proofs]
        }
    }
}

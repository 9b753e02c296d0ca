import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// Online submission for procedures offered online (full or partial level): the applicant fills
/// in the form, uploads the papers' scans, chooses where the result goes, agrees to the
/// personal-data notice (Decree 13/2023) and gets the receipt with code and access secret.
///
/// The dossier is received by the one-stop office of the commune that decides where it belongs
/// (the applicant's, or the property's), through the same reception as at a counter, on the
/// online channel: the channel's own actor, no officer. The office's check of the papers follows
/// as the lifecycle's steps (a supplement asked through the one-stop office).
struct OnlineSubmissionController: Sendable {
    static let actorName = "cong-truc-tuyen"

    let pages: PageRenderer
    let staff: StaffPagesController
    let network: NetworkCache
    let directory: Directory
    let reception: Reception
    let digitisation: Digitisation
    let uploadLimitBytes: Int

    func register(on routes: RouteTable) {
        routes.get("/procedures/{code}/submit", policy: .everyone, use: form)
        routes.post("/procedures/{code}/submit", policy: .everyone, idempotent: false, maximumBodyBytes: uploadLimitBytes * 5, use: submit)
    }

    static func offersOnline(_ procedure: Procedure) -> Bool { [.full, .partial].contains(procedure.onlineLevel) }

    func procedure(_ context: PASCRequestContext) async throws -> Procedure? {
        guard let code = try? ProcedureCode(try context.parameters.require("code")) else { return nil }
        return try await network.procedure(code)
    }

    @Sendable func form(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let procedure = try await procedure(context) else { return try notFound(request) }
        return try await page(procedure, form: nil, errors: [:], message: nil, request: request)
    }

    func notFound(_ request: Request) throws -> Response {
        let what = pages.text.text("what_procedure", PageLanguage(request))
        return try pages.page("not-found", title: "not_found_title", values: ["what": what], request: request, status: .notFound)
    }

    func page(_ procedure: Procedure, form: PageForm?, errors: [String: String], message: String?, request: Request) async throws -> Response {
        let lang = PageLanguage(request)
        var values = try await ApplicantFieldValues.values(
            form: form,
            errors: errors,
            returnOffice: form?.value("deliveryOffice"),
            delivery: form?.value("delivery") ?? "electronic",
            directory: directory,
            network: network,
            text: pages.text,
            language: lang
        )
        values.merge([
            "procedureCode": procedure.code.rawValue,
            "procedureName": lang == .vi ? procedure.name : procedure.nameEn,
            "allowed": Self.offersOnline(procedure),
            "property": procedure.competenceBasis == .propertyLocation,
            "papers": procedure.requiredPapers.map { ["name": $0] },
            "message": message as Any,
        ]) { $1 }
        let status: HTTPResponse.Status = !Self.offersOnline(procedure) ? .conflict : (errors.isEmpty && message == nil ? .ok : .unprocessableContent)
        return try pages.page("submit", title: "submit_title", values: values, request: request, status: status)
    }

    @Sendable func submit(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let procedure = try await procedure(context) else { return try notFound(request) }
        let form = try await PageForm.read(request, context: PASCRequestContext.anonymous(context), maximumBytes: uploadLimitBytes * 5)
        guard Self.offersOnline(procedure) else { return try await page(procedure, form: form, errors: [:], message: nil, request: request) }
        let lang = PageLanguage(request)
        var errors: [String: String] = [:]
        if form.value("consent") == nil { errors["consent"] = pages.text.text("submit_consent_needed", lang) }
        let scans = form.files.filter { $0.field == "scans" }
        if scans.isEmpty { errors["scans"] = pages.text.text("submit_scans_needed", lang) }
        // The one-stop office of the commune whose agency decides receives it.
        let unitCode = procedure.competenceBasis == .propertyLocation ? form.value("propertyUnit") : form.value("homeUnit")
        var unit: AdministrativeUnit?
        if let unitCode { unit = try await network.unit(unitCode) }
        if unit == nil {
            errors[procedure.competenceBasis == .propertyLocation ? "propertyUnit" : "homeUnit"] = pages.text.text("submit_commune_needed", lang)
        }
        var body = StaffPagesController.receptionBody(form, procedure: procedure)
        body = DossiersController.ReceptionBody(
            procedure: body.procedure,
            channel: SubmissionChannel.online.rawValue,
            applicant: body.applicant,
            propertyUnit: body.propertyUnit,
            delivery: body.delivery,
            papers: [],
            decision: DossiersController.DecisionInput(kind: "accept", missingPapers: nil, reason: nil, legalBasis: nil, leaderReason: nil),
            submissionId: nil
        )
        guard errors.isEmpty, let office = unit?.homeOfficeCode else {
            return try await page(procedure, form: form, errors: errors, message: nil, request: request)
        }
        let actor = EventActor(username: Self.actorName, role: nil, office: office)
        let outcome: Reception.Outcome
        do {
            outcome = try await DossiersController.receive(body, at: office, by: actor, reception: reception)
        } catch let problem as Problem where !problem.errors.isEmpty {
            for error in problem.errors {
                let field = StaffPagesController.formField(error.field)
                let text = lang == .vi ? error.message : error.messageEn
                errors[field] = errors[field].map { $0 + " " + text } ?? text
            }
            return try await page(procedure, form: form, errors: errors, message: nil, request: request)
        } catch {
            guard let text = staff.message(of: error, lang) else { throw error }
            return try await page(procedure, form: form, errors: [:], message: text, request: request)
        }
        guard case .accepted(let receipt) = outcome else {
            return try await page(procedure, form: form, errors: [:], message: pages.text.text("submit_not_here", lang), request: request)
        }
        var failed: [[String: Any]] = []
        for file in scans {
            do {
                _ = try await digitisation.attachSubmitted(file.bytes, to: receipt.code, title: file.filename, by: actor)
            } catch {
                guard let text = staff.message(of: error, lang) else { throw error }
                failed.append(["file": file.filename, "why": text])
            }
        }
        let names = DossierPageValues(network: network, text: pages.text, language: lang)
        let values = try await staff.receiptValues(receipt, names: names, lang: lang, papers: [])
            .merging(["failedScans": failed, "hasFailed": !failed.isEmpty, "online": true]) { $1 }
        return try pages.page("receipt", title: "receipt_title", values: values, request: request, status: .created)
    }
}

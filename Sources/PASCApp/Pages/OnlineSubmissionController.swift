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
    let throttle: Throttle

    /// The whole form: the scans' total plus room for the fields and the multipart framing.
    var maximumBodyBytes: Int { throttle.limits.submissionBytes + 256 * 1024 }

    func register(on routes: RouteTable) {
        routes.get("/procedures/{code}/submit", policy: .everyone, use: form)
        routes.post("/procedures/{code}/submit", policy: .everyone, idempotent: false, maximumBodyBytes: maximumBodyBytes, use: submit)
    }

    /// What the page says of a submission's scans over their number or total.
    static func scanMessage(_ error: any Error, lang: PageLanguage, pages: PageRenderer) -> String? {
        let vi = lang == .vi
        switch error {
        case let many as Digitisation.TooManyFiles:
            return vi
                ? "Tối đa \(many.maximumFiles) tệp trong một hồ sơ trực tuyến." : "At most \(many.maximumFiles) files in one online submission."
        case let large as Digitisation.SubmissionTooLarge:
            let megabytes = large.maximumBytes / 1_048_576
            return vi
                ? "Tổng dung lượng các tệp tối đa \(megabytes) MB." : "The files together may weigh at most \(megabytes) MB."
        default:
            return nil
        }
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
        let form = try await PageForm.read(request, context: PASCRequestContext.anonymous(context), maximumBytes: maximumBodyBytes)
        guard Self.offersOnline(procedure) else { return try await page(procedure, form: form, errors: [:], message: nil, request: request) }
        let lang = PageLanguage(request)
        // Counted before anything is written; a refused submission writes nothing but its count.
        do {
            try await throttle.onlineSubmission(address: context.clientAddress, applicantID: form.value("idNumber"))
        } catch let refused as Throttle.Refused {
            var response = try await page(
                procedure,
                form: form,
                errors: [:],
                message: lang == .vi ? refused.message : refused.messageEn,
                request: request
            )
            response.status = .tooManyRequests
            response.headers[.retryAfter] = String(refused.retryAfterSeconds)
            return response
        }
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
        // Every scan is checked before the dossier is received: none is refused after it exists.
        do {
            try digitisation.checkSubmission(scans.map { ($0.bytes, $0.filename) }, limits: throttle.limits)
        } catch {
            let status: HTTPResponse.Status = error is Digitisation.UnsupportedType ? .unsupportedMediaType : .contentTooLarge
            guard let text = Self.scanMessage(error, lang: lang, pages: pages) ?? staff.message(of: error, lang) else { throw error }
            var response = try await page(procedure, form: form, errors: ["scans": text], message: nil, request: request)
            if error is ValidationErrors { return response }
            response.status = status
            return response
        }
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

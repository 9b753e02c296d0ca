import Foundation
import Hummingbird
import PASCCore
import PASCDomain

extension StaffPagesController {
    /// Receiving a dossier at the counter: first the procedure (search, diacritics optional), then
    /// its form: the applicant, the papers checklist, scans, where the result goes, and the
    /// officer's outcome (accept, ask to complete, refuse).
    @Sendable func receptionForm(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let office = try OfficeCode(try context.parameters.require("code"))
        let lang = language(request)
        if let raw = PublicPagesController.query(request, "procedure"), let code = try? ProcedureCode(raw),
            let procedure = try await network.procedure(code)
        {
            return try await receptionPage(office, procedure: procedure, form: nil, errors: [:], member: member, request: request)
        }
        let words = PublicPagesController.query(request, "q")
        var results: [[String: Any]] = []
        var searchError: String?
        if let words {
            let found = try await ProcedureSearch.run(directory, words: words, page: PageRequest(limit: 20, cursor: nil), language: lang)
            searchError = found.error
            results = found.items.map { procedure in
                [
                    "href": "/desk/\(office)/receive?procedure=\(procedure.code)",
                    "name": lang == .vi ? procedure.name : procedure.nameEn,
                    "code": procedure.code.rawValue,
                    "boundaryFree": procedure.isBoundaryFree,
                ]
            }
        }
        return try pages.page(
            "receive-find",
            title: "receive_title",
            values: [
                "officeCode": office.rawValue, "q": searchError == nil ? words as Any : "", "results": results,
                "searched": words != nil && searchError == nil, "searchError": searchError as Any,
            ],
            request: request,
            member: member,
            status: searchError == nil ? .ok : .badRequest
        )
    }

    /// The reception form of a procedure, filled with what was typed and the errors by field.
    func receptionPage(
        _ office: OfficeCode,
        procedure: Procedure,
        form: PageForm?,
        errors: [String: String],
        member: StaffMember,
        request: Request,
        message: String? = nil
    ) async throws -> Response {
        let lang = language(request)
        let papers: [[String: Any]] = procedure.requiredPapers.enumerated().map { index, name in
            [
                "index": index,
                "name": name,
                "checked": form?.value("paper-\(index)") != nil,
                "originals": form?.value("originals-\(index)") ?? "1",
                "copies": form?.value("copies-\(index)") ?? "0",
            ]
        }
        var values = try await ApplicantFieldValues.values(
            form: form,
            errors: errors,
            returnOffice: form?.value("deliveryOffice") ?? office.rawValue,
            delivery: form?.value("delivery") ?? "office",
            directory: directory,
            network: network,
            text: pages.text,
            language: lang
        )
        values.merge([
            "officeCode": office.rawValue,
            "procedureCode": procedure.code.rawValue,
            "procedureName": lang == .vi ? procedure.name : procedure.nameEn,
            "boundaryFree": procedure.isBoundaryFree,
            "property": procedure.competenceBasis == .propertyLocation,
            "papers": papers,
            "message": message as Any,
        ]) { $1 }
        return try pages.page(
            "receive",
            title: "receive_title",
            values: values,
            request: request,
            member: member,
            status: errors.isEmpty && message == nil ? .ok : .unprocessableContent
        )
    }

    /// The form turned into the API's reception body.
    static func receptionBody(_ form: PageForm, procedure: Procedure) -> DossiersController.ReceptionBody {
        let checked = Set(procedure.requiredPapers.indices.filter { form.value("paper-\($0)") != nil })
        let papers = procedure.requiredPapers.enumerated().filter { checked.contains($0.offset) }.map { index, name in
            DossiersController.PaperInput(
                name: name,
                originals: form.value("originals-\(index)").flatMap { Int($0) } ?? 1,
                copies: form.value("copies-\(index)").flatMap { Int($0) } ?? 0
            )
        }
        let outcome = form.value("outcome") ?? "accept"
        let decision = DossiersController.DecisionInput(
            kind: outcome,
            missingPapers: outcome == "requestCompletion"
                ? procedure.requiredPapers.enumerated().filter { !checked.contains($0.offset) }.map(\.element) : nil,
            reason: form.value("reason"),
            legalBasis: form.value("legalBasis"),
            leaderReason: outcome == "requestCompletion" ? form.value("leaderReason") : nil
        )
        return DossiersController.ReceptionBody(
            procedure: procedure.code.rawValue,
            channel: "counter",
            applicant: DossiersController.ApplicantInput(
                kind: form.value("kind"),
                name: form.value("name") ?? "",
                idKind: form.value("idKind"),
                idNumber: form.value("idNumber") ?? "",
                birthYear: form.value("birthYear").flatMap { Int($0) },
                taxCode: form.value("taxCode"),
                phone: form.value("phone"),
                address: form.value("address"),
                homeUnit: form.value("homeUnit") ?? ""
            ),
            propertyUnit: procedure.competenceBasis == .propertyLocation ? form.value("propertyUnit") : nil,
            delivery: DossiersController.DeliveryInput(
                kind: form.value("delivery") ?? "office",
                office: form.value("deliveryOffice"),
                address: form.value("deliveryAddress")
            ),
            papers: papers,
            decision: decision,
            submissionId: form.value("submissionId")
        )
    }

    /// The form field a reception error belongs to (the API names fields as JSON pointers).
    static func formField(_ pointer: String) -> String {
        let path = pointer.split(separator: "/").map(String.init)
        switch path.first {
        case "applicant": return path.count > 1 ? path[1] : "name"
        case "delivery": return path.count > 1 && path[1] == "address" ? "deliveryAddress" : "deliveryOffice"
        case "decision": return path.count > 1 && ["reason", "legalBasis"].contains(path[1]) ? path[1] : "papers"
        case "papers": return "papers"
        default: return path.last ?? "form"
        }
    }

    @Sendable func receive(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context, maximumBytes: uploadLimitBytes + 256 * 1024)
        let office = try OfficeCode(try context.parameters.require("code"))
        let lang = language(request)
        guard let code = form.value("procedure").flatMap({ try? ProcedureCode($0) }), let procedure = try await network.procedure(code) else {
            return Self.after("/desk/\(office)/receive")
        }
        let outcome: Reception.Outcome
        do {
            outcome = try await DossiersController.receive(
                Self.receptionBody(form, procedure: procedure),
                at: office,
                by: DossiersController.actor(member, at: office),
                reception: reception
            )
        } catch let problem as Problem where !problem.errors.isEmpty {
            var errors: [String: String] = [:]
            for error in problem.errors {
                let field = Self.formField(error.field)
                let text = lang == .vi ? error.message : error.messageEn
                errors[field] = errors[field].map { $0 + " " + text } ?? text
            }
            return try await receptionPage(office, procedure: procedure, form: form, errors: errors, member: member, request: request)
        } catch {
            guard let text = message(of: error, lang) else { throw error }
            return try await receptionPage(office, procedure: procedure, form: form, errors: [:], member: member, request: request, message: text)
        }
        return try await receptionOutcome(outcome, office: office, form: form, member: member, request: request)
    }

    /// What the officer hands over: the receipt (A5, with the access secret shown this once), the
    /// request to complete or the refusal (forms 02 and 03), or where the procedure is received.
    func receptionOutcome(
        _ outcome: Reception.Outcome,
        office: OfficeCode,
        form: PageForm,
        member: StaffMember,
        request: Request
    ) async throws -> Response {
        let lang = language(request)
        let names = DossierPageValues(network: network, text: pages.text, language: lang)
        switch outcome {
        case .accepted(let receipt):
            // The scans go with the dossier now accepted; one that fails is named, the dossier stays.
            var failed: [[String: Any]] = []
            for file in form.files where file.field == "scans" {
                do {
                    _ = try await digitisation.attach(file.bytes, to: receipt.code, role: .paper, title: file.filename, by: member)
                } catch {
                    guard let text = message(of: error, lang) else { throw error }
                    failed.append(["file": file.filename, "why": text])
                }
            }
            let values = try await receiptValues(
                receipt,
                names: names,
                lang: lang,
                papers: Self.receptionBody(form, procedure: receipt.procedure).papers ?? []
            )
            .merging(["failedScans": failed, "hasFailed": !failed.isEmpty, "staffReceipt": true, "officeCode": office.rawValue]) { $1 }
            return try pages.page("receipt", title: "receipt_title", values: values, request: request, member: member, status: .created)
        case .completionRequested(let procedure, let id, let missing, let number):
            return try pages.page(
                "reception-outcome",
                title: "outcome_completion_title",
                values: [
                    "officeCode": office.rawValue, "completion": true, "procedure": lang == .vi ? procedure.name : procedure.nameEn,
                    "missing": missing, "number": number,
                    "formHref": "/api/v1/offices/\(office)/submissions/\(id)/forms/completion-request",
                ],
                request: request,
                member: member
            )
        case .refused(let procedure, let id, let reason, let legalBasis):
            return try pages.page(
                "reception-outcome",
                title: "outcome_refused_title",
                values: [
                    "officeCode": office.rawValue, "refused": true, "procedure": lang == .vi ? procedure.name : procedure.nameEn,
                    "reason": reason, "legalBasis": legalBasis, "formHref": "/api/v1/offices/\(office)/submissions/\(id)/forms/refusal",
                ],
                request: request,
                member: member
            )
        case .guidance(let procedure, let offices, _):
            return try pages.page(
                "reception-outcome",
                title: "outcome_guidance_title",
                values: [
                    "officeCode": office.rawValue, "guidance": true, "procedure": lang == .vi ? procedure.name : procedure.nameEn,
                    "offices": offices.map { ["code": $0.code.rawValue, "name": lang == .vi ? $0.name : $0.nameEn, "address": $0.address] },
                ],
                request: request,
                member: member
            )
        }
    }

    /// The receipt's values, shared by the counter and online submission.
    func receiptValues(
        _ receipt: Reception.Receipt,
        names: DossierPageValues,
        lang: PageLanguage,
        papers: [DossiersController.PaperInput]
    )
        async throws -> [String: Any]
    {
        [
            "code": receipt.code.description,
            "secret": receipt.secret.value,
            "procedure": lang == .vi ? receipt.procedure.name : receipt.procedure.nameEn,
            "agency": lang == .vi ? receipt.agency.name : receipt.agency.nameEn,
            "receivedAt": PageFormat.dateTime(receipt.receivedAt),
            "appointment": PageFormat.dateTime(receipt.appointment.due),
            "rule": lang == .vi ? receipt.appointment.rule : receipt.appointment.ruleEn,
            "papers": papers.map { ["name": $0.name, "originals": $0.originals ?? 1, "copies": $0.copies ?? 0] },
            "hasPapers": !papers.isEmpty,
            "trackHref": "/dossiers/\(receipt.code)",
        ]
    }
}

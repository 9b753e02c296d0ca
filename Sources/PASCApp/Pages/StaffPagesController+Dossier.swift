import Foundation
import Hummingbird
import PASCCore
import PASCDomain

extension StaffPagesController {
    /// A dossier for the staff who have it in scope: the applicant (the read is written to the
    /// access log first, as the API's record), the scans, the timeline with the reasons staff
    /// typed, and the steps this member may take now.
    @Sendable func dossierPage(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let code = try DossierCode(try context.parameters.require("code"))
        return try await dossierPage(code, member: member, request: request, form: nil, error: nil)
    }

    func dossierPage(_ code: DossierCode, member: StaffMember, request: Request, form: PageForm?, error: String?) async throws -> Response {
        let lang = language(request)
        guard let (dossier, events) = try await dossiers.dossierWithEvents(code) else {
            throw StoreError.notFound(kind: "dossier", code: code.description)
        }
        let now = clock.now()
        let view = DossierPublicView(dossier, events: events, now: now, reasons: true)
        let names = DossierPageValues(network: network, text: pages.text, language: lang)
        var values = try await names.values(view)
        let applicant = try await gate.read(DossierFullView.kinds, of: code.description, by: member, route: "GET /work/dossiers/{code}") {
            DossierFullView(dossier, events: events, now: now).applicant
        }
        values["applicant"] = [
            "name": applicant.name,
            "id": applicant.idNumber,
            "phone": applicant.phone as Any,
            "address": applicant.address as Any,
            "homeUnit": applicant.homeUnit,
        ]
        switch dossier.delivery {
        case .office(let office): values["delivery"] = pages.text.text("delivery_office_at", lang, try await names.officeName(office.rawValue))
        case .post: values["delivery"] = pages.text.text("delivery_post", lang)
        case .electronic: values["delivery"] = pages.text.text("delivery_electronic", lang)
        }
        values["scans"] = try await dossiers.documents(of: code).map { document in
            [
                "title": document.title,
                "role": pages.text.text("scan_role_" + document.role.rawValue, lang),
                "href": "/api/v1/dossiers/\(code)/documents/\(document.sha256)",
                "at": PageFormat.dateTime(document.attachedAt),
            ] as [String: Any]
        }
        values["steps_allowed"] = actionForms(dossier, member: member, lang: lang)
        values["canScan"] = DossierAction.attachDocument.transition.from.contains(dossier.status)
        values["forms"] = printableForms(dossier, events: events, lang: lang)
        values["error"] = error as Any
        values["done"] = PublicPagesController.query(request, "done").map { pages.text.text("action_" + $0, lang) } as Any
        values["typedReason"] = form?.value("reason") as Any
        values["typedAmount"] = form?.value("amount") as Any
        values["workCode"] = code.description
        return try pages.page(
            "work-dossier",
            title: pages.text.text("dossier_title", lang, code.description),
            values: values,
            request: request,
            member: member,
            status: error == nil ? .ok : .unprocessableContent
        )
    }

    /// The steps the member's roles may take from the dossier's status, each with the fields it needs.
    func actionForms(_ dossier: StoredDossier, member: StaffMember, lang: PageLanguage) -> [[String: Any]] {
        var actions = DossierLifecycle.allowedActions(from: dossier.status).filter { !$0.roles.isDisjoint(with: member.roles) }
        if member.roles.contains(.leader), member.scope.agencies.contains(dossier.agency), dossier.apologisedAt == nil,
            DossierAction.apologise.transition.from.contains(dossier.status)
        {
            actions.append(.apologise)
        }
        return actions.map { action in
            [
                "action": action.rawValue,
                "label": pages.text.text("action_" + action.rawValue, lang),
                "needsReason": action.requiresReason || action == .requestPayment,
                "reasonLabel": pages.text.text(action == .requestPayment ? "work_basis" : "work_reason", lang),
                "needsAmount": [.requestPayment, .recordPayment].contains(action),
                "needsReceipt": action == .recordPayment,
                "needsDate": action == .apologise,
            ]
        }
    }

    /// The printable forms the dossier has now: the receipt, and the apology or stop notice when
    /// they were issued.
    func printableForms(_ dossier: StoredDossier, events: [DossierEvent], lang: PageLanguage) -> [[String: Any]] {
        var forms = ["receipt", "tracking-sheet"]
        if dossier.apologisedAt != nil { forms.append("apology") }
        if dossier.status == .stopped { forms.append("stop-notice") }
        return forms.map { ["href": "/api/v1/dossiers/\(dossier.code)/forms/\($0)", "label": pages.text.text("form_" + $0, lang)] }
    }

    /// One step of the lifecycle from the dossier's page; on refusal the page again with the
    /// reason and what was typed.
    @Sendable func dossierStep(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        let code = try DossierCode(try context.parameters.require("code"))
        let lang = language(request)
        func again(_ text: String) async throws -> Response {
            try await dossierPage(code, member: member, request: request, form: form, error: text)
        }
        guard let action = form.value("action").flatMap(DossierAction.init(rawValue:)) else {
            return try await again(pages.text.text("work_pick_step", lang))
        }
        let reason = form.value("reason")
        let amount = form.value("amount").map { $0.filter(\.isNumber) }.flatMap { Int($0) }
        do {
            switch action {
            case .requestPayment, .recordPayment:
                guard let amount, amount > 0 else { return try await again(pages.text.text("work_amount_needed", lang)) }
                if action == .requestPayment {
                    guard let reason else { return try await again(pages.text.text("work_basis_needed", lang)) }
                    _ = try await processing.requestPayment(code, amountVND: amount, basis: reason, by: member)
                } else {
                    _ = try await processing.recordPayment(code, amountVND: amount, receiptNumber: form.value("receiptNumber"), by: member)
                }
            case .apologise:
                guard let typed = form.value("newDate"), let date = try? LocalDate(iso: typed) else {
                    return try await again(pages.text.text("work_date_needed", lang))
                }
                _ = try await processing.apologise(code, by: member, reason: reason, newDate: date)
            default:
                _ = try await processing.act(action, on: code, by: member, reason: reason)
            }
        } catch {
            guard let text = message(of: error, lang) else { throw error }
            return try await again(text)
        }
        return Self.after("/work/dossiers/\(code)", done: action.rawValue)
    }

    /// A scan attached from the dossier's page (a paper, or the result).
    @Sendable func attachScan(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context, maximumBytes: uploadLimitBytes + 64 * 1024)
        let code = try DossierCode(try context.parameters.require("code"))
        let lang = language(request)
        guard let file = form.files.first else {
            return try await dossierPage(code, member: member, request: request, form: form, error: pages.text.text("scan_missing", lang))
        }
        let role = form.value("role").flatMap(DocumentRole.init(rawValue:)) ?? .paper
        do {
            _ = try await digitisation.attach(file.bytes, to: code, role: role, title: form.value("title") ?? file.filename, by: member)
        } catch {
            guard let text = message(of: error, lang) else { throw error }
            return try await dossierPage(code, member: member, request: request, form: form, error: text)
        }
        return Self.after("/work/dossiers/\(code)", done: "attachDocument")
    }
}

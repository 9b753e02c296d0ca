import Foundation
import Hummingbird
import PASCCore
import PASCDomain

/// The steps of a dossier that carry details of their own: a transfer names its receiver, an
/// apology letter its reason and new date, a correction the step it corrects, postal work its
/// tracking number, a financial obligation its amount and basis, a payment its amount and receipt.
/// Each answers the public view after the step.
struct DossierStepsController: Sendable {
    let processing: Processing
    let dossiers: any DossierStore
    let agencies: any Store

    static func route(for action: DossierAction) -> String {
        switch action {
        case .transfer: "POST /api/v1/dossiers/{code}/transfers"
        case .apologise: "POST /api/v1/dossiers/{code}/apology"
        case .correct: "POST /api/v1/dossiers/{code}/corrections"
        case .postalPickUp, .postalDispatch: "POST /api/v1/dossiers/{code}/postal-events"
        case .requestPayment: "POST /api/v1/dossiers/{code}/payment-request"
        case .recordPayment: "POST /api/v1/dossiers/{code}/payment"
        default: "POST /api/v1/dossiers/{code}/actions"
        }
    }

    func register(on routes: RouteTable) {
        routes.post("/api/v1/dossiers/{code}/transfers", policy: .forDossier, target: .dossierParameter("code"), use: transfer)
        routes.post("/api/v1/dossiers/{code}/apology", policy: .forDossier, target: .dossierParameter("code"), use: apologise)
        routes.post("/api/v1/dossiers/{code}/corrections", policy: .forDossier, target: .dossierParameter("code"), use: correct)
        routes.post("/api/v1/dossiers/{code}/postal-events", policy: .forDossier, target: .dossierParameter("code"), use: postal)
        routes.post("/api/v1/dossiers/{code}/payment-request", policy: .forDossier, target: .dossierParameter("code"), use: requestPayment)
        routes.post("/api/v1/dossiers/{code}/payment", policy: .forDossier, target: .dossierParameter("code"), use: recordPayment)
    }

    func answer(_ dossier: StoredDossier, status: HTTPResponse.Status = .created) async throws -> Response {
        let view = DossierPublicView(dossier, events: try await dossiers.events(of: dossier.code), now: processing.clock.now(), reasons: true)
        var response = try JSONBody.response(view)
        response.status = status
        return response
    }

    static func text(_ raw: String?, _ pointer: String, max: Int, errors: inout FieldErrors) -> String? {
        let value = TextFolding.normalize(raw ?? "")
        if value.count > max {
            errors.add(
                ValidationError(field: pointer, message: "Tối đa \(max) ký tự.", messageEn: "At most \(max) characters.")
            )
            return nil
        }
        return value.isEmpty ? nil : value
    }

    // MARK: Transfer

    struct TransferBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case receiver, note }
        typealias Member = CodingKeys
        let receiver: String
        let note: String?
    }

    @Sendable func transfer(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(TransferBody.self, from: request, context: context)
        var errors = FieldErrors()
        let note = Self.text(body.note, "/note", max: 500, errors: &errors)
        try errors.check()
        return try await answer(try await processing.transfer(code, to: body.receiver, by: member, note: note))
    }

    // MARK: Apology

    struct ApologyBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case reason, newDate }
        typealias Member = CodingKeys
        let reason: String?
        let newDate: String
    }

    /// Form 04: only the head of the dossier's agency; 422 for a missing reason, a second letter or
    /// one after the date has passed.
    @Sendable func apologise(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(ApologyBody.self, from: request, context: context)
        var errors = FieldErrors()
        let newDate = errors.read("/newDate") { () throws(ValidationError) in try LocalDate(iso: body.newDate) }
        _ = Self.text(body.reason, "/reason", max: 1000, errors: &errors)
        try errors.check()
        do {
            let (dossier, _) = try await processing.apologise(code, by: member, reason: body.reason, newDate: newDate!)
            return try await answer(dossier)
        } catch let refused as ValidationErrors {
            throw Problem.unprocessable(refused)
        }
    }

    // MARK: Correction

    struct CorrectionBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case step, reason }
        typealias Member = CodingKeys
        let step: Int
        let reason: String?
    }

    /// A leader records a correcting step naming the mistaken one (1 = the first step); nothing is edited.
    @Sendable func correct(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(CorrectionBody.self, from: request, context: context)
        var errors = FieldErrors()
        _ = Self.text(body.reason, "/reason", max: 1000, errors: &errors)
        try errors.check()
        do {
            return try await answer(try await processing.correct(code, step: body.step, by: member, reason: body.reason))
        } catch let refused as ValidationErrors {
            throw Problem.invalid(refused)
        }
    }

    // MARK: Postal work

    enum PostalKind: String, CaseIterable { case pickUp, dispatch }

    struct PostalBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case kind, trackingNumber }
        typealias Member = CodingKeys
        let kind: String
        let trackingNumber: String
    }

    /// Vietnam Post's tracking numbers: letters and digits, 6 to 30 of them (`EE123456789VN`).
    static func trackingNumber(_ raw: String) throws(ValidationError) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard (6...30).contains(value.count), value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ValidationError(
                field: "trackingNumber",
                message: "Mã bưu gửi gồm 6–30 chữ cái hoặc chữ số, ví dụ EE123456789VN.",
                messageEn: "A postal tracking number is 6–30 letters or digits, e.g. EE123456789VN."
            )
        }
        return value
    }

    @Sendable func postal(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(PostalBody.self, from: request, context: context)
        var errors = FieldErrors()
        let kind = errors.enumValue("/kind", body.kind, PostalKind.self)
        let number = errors.read("/trackingNumber") { () throws(ValidationError) in try Self.trackingNumber(body.trackingNumber) }
        try errors.check()
        let action: DossierAction = kind == .pickUp ? .postalPickUp : .postalDispatch
        return try await answer(try await processing.postal(action, on: code, by: member, trackingNumber: number!))
    }

    // MARK: Financial obligations

    struct PaymentRequestBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case amountVND, basis }
        typealias Member = CodingKeys
        let amountVND: Int
        let basis: String
    }

    /// The agency asks for fees, levies or taxes (amount in whole đồng, and what they are for);
    /// the applicant is notified.
    @Sendable func requestPayment(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(PaymentRequestBody.self, from: request, context: context)
        var errors = FieldErrors()
        let amount = errors.read("/amountVND") { () throws(ValidationError) in try VND.amount(body.amountVND, field: "amountVND") }
        let basis = Self.text(body.basis, "/basis", max: 500, errors: &errors)
        if basis == nil, !errors.list.contains(where: { $0.field == "/basis" }) {
            errors.add(
                ValidationError(
                    field: "/basis",
                    message: "Nêu khoản phải nộp và căn cứ (ví dụ: lệ phí trước bạ).",
                    messageEn: "Name what is to be paid and why (e.g. registration fee)."
                )
            )
        }
        try errors.check()
        return try await answer(try await processing.requestPayment(code, amountVND: amount!, basis: basis!, by: member))
    }

    struct PaymentBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case amountVND, receiptNumber, method }
        typealias Member = CodingKeys
        let amountVND: Int
        let receiptNumber: String?
        /// cash (default), transfer or online.
        let method: String?
    }

    /// The counter records the payment of the amount asked; 422 when the amount differs.
    @Sendable func recordPayment(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(PaymentBody.self, from: request, context: context)
        var errors = FieldErrors()
        let amount = errors.read("/amountVND") { () throws(ValidationError) in try VND.amount(body.amountVND, field: "amountVND") }
        let receipt = Self.text(body.receiptNumber, "/receiptNumber", max: 50, errors: &errors)
        let method = body.method.map { errors.enumValue("/method", $0, PaymentMethod.self) } ?? .cash
        try errors.check()
        do {
            return try await answer(
                try await processing.recordPayment(code, amountVND: amount!, receiptNumber: receipt, method: method ?? .cash, by: member)
            )
        } catch let refused as ValidationErrors {
            throw Problem.unprocessable(refused)
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// Reception at a counter, and a dossier seen by the public (code), its applicant (code + access
/// secret, sent in a header, never in the URL) and staff with it in scope (logged).
struct DossiersController: Sendable {
    let reception: Reception
    let processing: Processing
    let dossiers: any DossierStore
    let submissions: any SubmissionStore
    let access: ApplicantAccess
    let gate: PersonalDataGate
    let idempotency: Idempotency
    let publicViews: PublicViewCache

    static let secretHeader = HTTPField.Name("X-Access-Secret")!

    func register(on routes: RouteTable) {
        routes.post(
            "/api/v1/offices/{code}/receptions",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            idempotent: false,
            use: receive
        )
        routes.get("/api/v1/offices/{code}/reception-outcomes", policy: .everyone, use: outcomes)
        routes.get("/api/v1/dossiers/{code}", policy: .everyone, use: show)
        routes.get("/api/v1/dossiers/{code}/record", policy: .forDossier, target: .dossierParameter("code"), use: record)
        routes.post("/api/v1/dossiers/{code}/actions", policy: .forDossier, target: .dossierParameter("code"), use: act)
    }

    // MARK: Reception

    struct ApplicantInput: Decodable {
        let kind: String?
        let name: String
        let idKind: String?
        let idNumber: String
        let birthYear: Int?
        let taxCode: String?
        let phone: String?
        let address: String?
        let homeUnit: String
    }

    struct DeliveryInput: Decodable {
        let kind: String
        let office: String?
        let address: String?
    }

    struct PaperInput: Decodable {
        let name: String
        let originals: Int?
        let copies: Int?
    }

    struct DecisionInput: Decodable {
        let kind: String
        let missingPapers: [String]?
        let reason: String?
        let legalBasis: String?
        /// The office leader's reason for a second request to complete.
        let leaderReason: String?
    }

    enum DecisionKind: String, CaseIterable { case accept, requestCompletion, refuse }

    struct ReceptionBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case procedure, channel, applicant, propertyUnit, delivery, papers, decision, submissionId
        }
        typealias Member = CodingKeys
        let procedure: String
        let channel: String?
        let applicant: ApplicantInput
        let propertyUnit: String?
        let delivery: DeliveryInput
        let papers: [PaperInput]?
        let decision: DecisionInput?
        let submissionId: String?
    }

    struct ReceiptView: Encodable {
        let code: String
        /// Shown once: PASC keeps only its digest. The applicant types it with the code to see the whole
        /// dossier. Null when an `Idempotency-Key` replays the receipt.
        let accessSecret: String
        let procedure: String
        let agency: String
        let agencyName: String
        let receivedAt: String
        let appointmentDate: String
        let appointmentDateText: String
        let due: String
        let rule: String
        let ruleEn: String
        let trackingPath: String
        /// The papers received, with originals and copies (Form 01 lists them).
        let papers: [PaperView]
    }

    struct PaperView: Encodable {
        let name: String
        let originals: Int
        let copies: Int
    }

    struct GuidanceView: Encodable {
        struct OfficeRef: Encodable {
            let code: String
            let name: String
            let address: String
        }
        let procedure: String
        let message: String
        let messageEn: String
        let offices: [OfficeRef]
    }

    struct SubmissionView: Encodable {
        let id: String
        let outcome: String
        @ExplicitNull var missingPapers: [String]?
        @ExplicitNull var requestNumber: Int?
        @ExplicitNull var reason: String?
        @ExplicitNull var legalBasis: String?
    }

    struct ReceptionAnswer: Encodable {
        let outcome: String
        let submission: SubmissionView
        @ExplicitNull var receipt: ReceiptView?
        @ExplicitNull var guidance: GuidanceView?
    }

    @Sendable func receive(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try await idempotency.run(request, context: context, route: "POST /api/v1/offices/{code}/receptions", stored: Self.withoutSecret) {
            try await receiveAnswer($0, context: context)
        }
    }

    /// A replayed receipt is the first one without its access secret, which is shown only once
    /// and kept only as a digest; a lost secret is reset at the counter.
    static func withoutSecret(_ data: Data) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            var receipt = object["receipt"] as? [String: Any]
        else { return data }
        receipt["accessSecret"] = NSNull()
        object["receipt"] = receipt
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? data
    }

    func receiveAnswer(_ request: Request, context: PASCRequestContext) async throws -> (HTTPResponse.Status, Data) {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let office = try OfficeCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(ReceptionBody.self, from: request, context: context)
        let outcome = try await Self.receive(body, at: office, by: Self.actor(member, at: office), reception: reception)
        return try Self.answer(outcome, papers: body.papers ?? [])
    }

    /// Reads a reception (the API's body, or a page's form turned into one) and runs it: every
    /// field error at once as `Problem.invalid`, the use case's refusals as problems.
    /// The officer receiving at `office`, as the reception records them.
    static func actor(_ member: StaffMember, at office: OfficeCode) -> EventActor {
        EventActor(username: member.username, role: member.roles.contains(.receptionOfficer) ? .receptionOfficer : .leader, office: office)
    }

    static func receive(_ body: ReceptionBody, at office: OfficeCode, by actor: EventActor, reception: Reception) async throws -> Reception.Outcome {
        var errors = FieldErrors()
        let procedure = errors.read("/procedure") { () throws(ValidationError) in try ProcedureCode(body.procedure) }
        let channel = errors.enumValue("/channel", body.channel ?? "counter", SubmissionChannel.self)
        let kind = errors.enumValue("/applicant/kind", body.applicant.kind ?? "citizen", Applicant.Kind.self)
        let idKind = errors.enumValue("/applicant/idKind", body.applicant.idKind ?? "citizenID", PersonalID.Kind.self)
        let id = idKind.flatMap { idKind in
            errors.read("/applicant/idNumber") { () throws(ValidationError) in
                try PersonalID(body.applicant.idNumber, kind: idKind, birthYear: body.applicant.birthYear)
            }
        }
        let phone = body.applicant.phone.flatMap { raw in errors.read("/applicant/phone") { () throws(ValidationError) in try PhoneNumber(raw) } }
        let tax = body.applicant.taxCode.flatMap { raw in errors.read("/applicant/taxCode") { () throws(ValidationError) in try TaxCode(raw) } }
        let papers = (body.papers ?? []).enumerated().compactMap { index, paper in
            errors.read(under: "/papers/\(index)") { () throws(ValidationError) in
                try HandedPaper(name: paper.name, originals: paper.originals ?? 1, copies: paper.copies ?? 0)
            }
        }
        var decision: ReceptionDecision? = .accept
        if let input = body.decision {
            switch errors.enumValue("/decision/kind", input.kind, DecisionKind.self) {
            case .accept: decision = .accept
            case .requestCompletion:
                decision = errors.readAll(under: "/decision") { () throws(ValidationErrors) in
                    try ReceptionDecision.checkedCompletionRequest(missing: input.missingPapers ?? [], overrideReason: input.leaderReason)
                }
            case .refuse:
                decision = errors.readAll(under: "/decision") { () throws(ValidationErrors) in
                    try ReceptionDecision.checkedRefusal(reason: input.reason, legalBasis: input.legalBasis)
                }
            case nil: decision = nil
            }
        }
        var delivery: ResultDelivery?
        switch body.delivery.kind {
        case "office":
            delivery = errors.read("/delivery/office") { () throws(ValidationError) in .office(try OfficeCode(body.delivery.office ?? "")) }
        case "post":
            if let address = body.delivery.address, !TextFolding.normalize(address).isEmpty {
                delivery = .post(address: Personal(TextFolding.normalize(address), kind: .address))
            } else {
                errors.add(
                    ValidationError(field: "/delivery/address", message: "Cần địa chỉ nhận qua bưu điện.", messageEn: "A postal address is required.")
                )
            }
        case "electronic": delivery = .electronic
        default:
            errors.add(
                ValidationError(
                    field: "/delivery/kind",
                    message: "Nơi trả kết quả phải là office, post hoặc electronic.",
                    messageEn: "delivery.kind must be office, post or electronic."
                )
            )
        }
        try errors.check()
        let applicant: Applicant
        do {
            applicant = try Applicant(
                kind: kind!,
                name: body.applicant.name,
                id: id!,
                taxCode: tax,
                phone: phone,
                address: body.applicant.address,
                homeUnit: body.applicant.homeUnit
            )
        } catch {
            throw Problem.invalid(error, under: "/applicant")
        }
        do {
            return try await reception.receive(
                Reception.Request(
                    procedure: procedure!,
                    office: office,
                    channel: channel!,
                    applicant: applicant,
                    propertyUnit: body.propertyUnit,
                    delivery: delivery!,
                    papers: papers,
                    decision: decision!,
                    submissionID: body.submissionId
                ),
                by: actor
            )
        } catch let error as ValidationErrors {
            throw Problem.invalid(error)
        } catch let error as Reception.SubmissionMismatch {
            throw Problem(type: "/problems/submission", title: "Conflict", status: .conflict, detail: error.message, detailEn: error.messageEn)
        } catch let error as SecondCompletionRequest {
            throw Problem(
                type: "/problems/second-completion-request",
                title: "Conflict",
                status: .conflict,
                detail: error.message,
                detailEn: error.messageEn
            )
        }
    }

    /// The API's answer to a reception's outcome.
    static func answer(_ outcome: Reception.Outcome, papers: [PaperInput]) throws -> (HTTPResponse.Status, Data) {
        switch outcome {
        case .accepted(let receipt):
            let view = ReceiptView(
                code: receipt.code.description,
                accessSecret: receipt.secret.value,
                procedure: receipt.procedure.code.rawValue,
                agency: receipt.agency.code,
                agencyName: receipt.agency.name,
                receivedAt: VietnamTime.format(receipt.receivedAt),
                appointmentDate: receipt.appointment.date.description,
                appointmentDateText: receipt.appointment.date.vietnameseText,
                due: VietnamTime.format(VietnamTime.instant(receipt.appointment.due)),
                rule: receipt.appointment.rule,
                ruleEn: receipt.appointment.ruleEn,
                trackingPath: "/api/v1/dossiers/\(receipt.code)",
                papers: papers.map { PaperView(name: TextFolding.normalize($0.name), originals: $0.originals ?? 1, copies: $0.copies ?? 0) }
            )
            let submission = SubmissionView(id: receipt.submissionID, outcome: "accepted")
            return (.created, try JSONBody.data(ReceptionAnswer(outcome: "accepted", submission: submission, receipt: view, guidance: nil)))
        case .completionRequested(_, let id, let missing, let number):
            let submission = SubmissionView(id: id, outcome: "completionRequested", missingPapers: missing, requestNumber: number)
            return (.ok, try JSONBody.data(ReceptionAnswer(outcome: "completionRequested", submission: submission)))
        case .refused(_, let id, let reason, let legalBasis):
            let submission = SubmissionView(id: id, outcome: "refused", reason: reason, legalBasis: legalBasis)
            return (.ok, try JSONBody.data(ReceptionAnswer(outcome: "refused", submission: submission)))
        case .guidance(let procedure, let offices, let id):
            let names = offices.map(\.name).joined(separator: "; ")
            let view = GuidanceView(
                procedure: procedure.code.rawValue,
                message: "Thủ tục này chưa được tiếp nhận không phụ thuộc địa giới hành chính; mời nộp tại: \(names).",
                messageEn: "This procedure is not boundary-free; it is received at: \(offices.map(\.nameEn).joined(separator: "; ")).",
                offices: offices.map { GuidanceView.OfficeRef(code: $0.code.rawValue, name: $0.name, address: $0.address) }
            )
            let submission = SubmissionView(id: id, outcome: "guidance")
            return (.ok, try JSONBody.data(ReceptionAnswer(outcome: "guidance", submission: submission, receipt: nil, guidance: view)))
        }
    }

    // MARK: Views

    struct OutcomeCounts: Encodable {
        let office: String
        let guidance: Int
        let completionRequested: Int
        let refused: Int
        let accepted: Int
    }

    /// How many submissions ended each way at an office: public, counts only.
    @Sendable func outcomes(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: [])
        try query.finish()
        let raw = try context.parameters.require("code")
        guard let office = try? OfficeCode(raw), try await reception.store.office(office) != nil else {
            throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: raw)
        }
        let counts = try await submissions.submissionOutcomeCounts(office: office)
        return try JSONBody.response(
            OutcomeCounts(
                office: office.rawValue,
                guidance: counts[.guidance] ?? 0,
                completionRequested: counts[.completionRequested] ?? 0,
                refused: counts[.refused] ?? 0,
                accepted: counts[.accepted] ?? 0
            )
        )
    }

    func load(_ context: PASCRequestContext) async throws -> (StoredDossier, [DossierEvent]) {
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), let found = try await dossiers.dossierWithEvents(code) else {
            throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: raw)
        }
        return found
    }

    /// By code alone: the public view. With `X-Access-Secret`: the applicant's whole dossier, after
    /// the guess limits (429 with `Retry-After`); a wrong secret gets 401 and counts as a guess.
    @Sendable func show(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: [])
        try query.finish()
        guard let typed = request.headers[Self.secretHeader] else { return try await publicView(context) }
        let (dossier, events) = try await load(context)
        try await access.requireApplicant(of: dossier, typed: typed, address: context.clientAddress)
        return try JSONBody.response(DossierFullView(dossier, events: events, now: processing.clock.now()))
    }

    /// The public view, from ``PublicViewCache`` when it holds the current one.
    func publicView(_ context: PASCRequestContext) async throws -> Response {
        let now = processing.clock.now()
        if let body = publicViews.body(for: try context.parameters.require("code"), now: now) { return Self.json(body) }
        let ticket = publicViews.ticket()
        let (dossier, events) = try await load(context)
        let body = ByteBuffer(bytes: DossierPublicView(dossier, events: events, now: now).jsonText())
        let until = DossierPublicView.stableUntil(dossier, events: events, now: now)
        publicViews.keep(body, for: dossier.code.description, madeAt: now, until: until, ticket: ticket)
        return Self.json(body)
    }

    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body))
    }

    /// Staff with the dossier in scope: the whole dossier, the read written to the access log first.
    @Sendable func record(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        var query = QueryReader(request, allowed: [])
        try query.finish()
        let (dossier, events) = try await load(context)
        let view = try await gate.read(DossierFullView.kinds, of: dossier.code.description, by: member, route: "GET /api/v1/dossiers/{code}/record") {
            DossierFullView(dossier, events: events, now: processing.clock.now())
        }
        return try JSONBody.response(view)
    }

    // MARK: Lifecycle

    struct ActionBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case action, reason
        }
        typealias Member = CodingKeys
        let action: String
        let reason: String?
    }

    /// One step of the lifecycle by staff with the dossier in scope; answers the public view after it.
    @Sendable func act(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        let body = try await JSONInput.decodeStrict(ActionBody.self, from: request, context: context)
        var errors = FieldErrors()
        let action = errors.enumValue("/action", body.action, DossierAction.self)
        try errors.check()
        do {
            let dossier = try await processing.act(action!, on: code, by: member, reason: body.reason)
            return try JSONBody.response(
                DossierPublicView(dossier, events: try await dossiers.events(of: code), now: processing.clock.now(), reasons: true)
            )
        } catch let error as Processing.UseItsOwnRoute {
            let route = DossierStepsController.route(for: error.action)
            throw Problem.invalid([
                ValidationError(
                    field: "/action",
                    message: "Thao tác '\(error.action.name)' có đường dẫn riêng: \(route).",
                    messageEn: "'\(error.action.rawValue)' has its own route: \(route)."
                )
            ])
        }
    }
}

extension ApplicantAccess {
    /// Lets the request through when `typed` is the dossier's access secret: 401 when it is not,
    /// 429 with `Retry-After` after too many guesses (every wrong one counts).
    func requireApplicant(of dossier: StoredDossier, typed: String, address: String) async throws {
        switch try await check(code: dossier.code.description, typed: typed, storedDigest: dossier.secretDigest, address: address) {
        case .granted:
            return
        case .denied:
            throw Problem(
                type: "/problems/wrong-secret",
                title: "Unauthorized",
                status: .unauthorized,
                detail: "Mã tra cứu không đúng với hồ sơ này.",
                detailEn: "The access secret does not match this dossier."
            )
        case .tooManyGuesses(let seconds):
            throw Problem.tooManyRequests(retryAfterSeconds: seconds)
        }
    }
}

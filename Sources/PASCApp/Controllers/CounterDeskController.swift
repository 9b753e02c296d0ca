import Foundation
import Hummingbird
import PASCCore
import PASCDomain

/// What the counter does for an applicant who lost their receipt or secret: find their dossiers by
/// ID number, reprint a receipt, reset the access secret after checking the ID. Every one of these
/// reads personal data, so every one is written to the access log first.
struct CounterDeskController: Sendable {
    let dossiers: any DossierStore
    let access: ApplicantAccess
    let gate: PersonalDataGate

    func register(on routes: RouteTable) {
        routes.post(
            "/api/v1/offices/{code}/dossier-lookup",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            use: lookup
        )
        routes.get("/api/v1/dossiers/{code}/receipt", policy: .forDossier, target: .dossierParameter("code"), use: receipt)
        routes.post(
            "/api/v1/dossiers/{code}/access-secret",
            policy: .forDossier,
            target: .dossierParameter("code"),
            idempotent: false,
            use: resetSecret
        )
    }

    struct Found: Encodable {
        let code: String
        let procedure: String
        let receivingOffice: String
        let agency: String
        let status: DossierPublicView.Status
        let receivedAt: String
        let appointmentDate: String
    }

    struct LookupBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case idNumber }
        typealias Member = CodingKeys
        let idNumber: String
    }

    /// The applicant's dossiers anywhere in the province, newest first (at most 50). The ID number
    /// comes in the body: URLs reach request logs.
    @Sendable func lookup(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let body = try await JSONInput.decodeStrict(LookupBody.self, from: request, context: context)
        let idNumber = body.idNumber.filter { !$0.isWhitespace }.uppercased()
        guard (8...20).contains(idNumber.count), idNumber.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw Problem.invalid([
                ValidationError(
                    field: "/idNumber",
                    message: "Cần số định danh, CMND hoặc hộ chiếu (8–20 chữ cái hoặc chữ số).",
                    messageEn: "An ID, old ID or passport number is needed (8–20 letters or digits)."
                )
            ])
        }
        var found: [Found] = []
        for dossier in try await dossiers.dossiers(applicantID: idNumber, limit: 50) {
            let item = try await gate.read([.idNumber], of: dossier.code.description, by: member, route: "POST /api/v1/offices/{code}/dossier-lookup")
            {
                Found(
                    code: dossier.code.description,
                    procedure: dossier.procedure.rawValue,
                    receivingOffice: dossier.office.rawValue,
                    agency: dossier.agency,
                    status: DossierPublicView.Status(dossier.status),
                    receivedAt: VietnamTime.format(dossier.receivedAt),
                    appointmentDate: dossier.appointmentDue.date.description
                )
            }
            found.append(item)
        }
        return try JSONBody.response(PageBody(items: found, nextCursor: nil))
    }

    struct Reprint: Encodable {
        let code: String
        let procedure: String
        let receivingOffice: String
        let agency: String
        let applicantName: String
        let receivedAt: String
        let appointmentDate: String
        let appointmentDateText: String
        let due: String
        let rule: String
        let trackingPath: String
        /// A reprint never carries the access secret: it is kept only as a digest.
        let note: String
    }

    @Sendable func receipt(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        var query = QueryReader(request, allowed: [])
        try query.finish()
        let dossier = try await load(context)
        let view = try await gate.read([.name], of: dossier.code.description, by: member, route: "GET /api/v1/dossiers/{code}/receipt") {
            Reprint(
                code: dossier.code.description,
                procedure: dossier.procedure.rawValue,
                receivingOffice: dossier.office.rawValue,
                agency: dossier.agency,
                applicantName: dossier.applicant.name.revealed,
                receivedAt: VietnamTime.format(dossier.receivedAt),
                appointmentDate: dossier.appointmentDue.date.description,
                appointmentDateText: dossier.appointmentDue.date.vietnameseText,
                due: VietnamTime.format(VietnamTime.instant(dossier.appointmentDue)),
                rule: dossier.appointmentRule,
                trackingPath: "/api/v1/dossiers/\(dossier.code)",
                note: "Bản in lại: mã tra cứu không in lại; nếu mất, đặt lại mã tại quầy sau khi kiểm tra giấy tờ tùy thân."
            )
        }
        return try JSONBody.response(view)
    }

    struct ResetBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case idNumber }
        typealias Member = CodingKeys
        let idNumber: String
    }

    struct NewSecret: Encodable {
        let code: String
        /// Shown once.
        let accessSecret: String
    }

    /// A reception officer, having seen the applicant's ID paper, types its number; when it is the
    /// owner's (or the submitter's) a new secret replaces the old one.
    @Sendable func resetSecret(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let body = try await JSONInput.decodeStrict(ResetBody.self, from: request, context: context)
        guard member.roles.contains(.receptionOfficer) else {
            throw Problem(
                type: "/problems/forbidden",
                title: "Forbidden",
                status: .forbidden,
                detail: "Chỉ công chức một cửa đặt lại mã tra cứu.",
                detailEn: "Only reception officers reset access secrets."
            )
        }
        let dossier = try await load(context)
        let typed = body.idNumber.filter { !$0.isWhitespace }.uppercased()
        let matches = try await gate.read([.idNumber], of: dossier.code.description, by: member, route: "POST /api/v1/dossiers/{code}/access-secret")
        {
            [dossier.applicant.id.revealed.value, dossier.applicant.submitter?.id.revealed.value].compactMap { $0 }.contains(typed)
        }
        guard matches else {
            throw Problem(
                type: "/problems/id-mismatch",
                title: "Unprocessable Content",
                status: .unprocessableContent,
                detail: "Số giấy tờ không khớp với người nộp hồ sơ này.",
                detailEn: "The ID number does not match this dossier's applicant.",
                errors: [Problem.FieldError(field: "/idNumber", message: "Không khớp.", messageEn: "Does not match.")]
            )
        }
        var generator = SystemRandomNumberGenerator()
        let secret = AccessSecret.generate(using: &generator)
        try await dossiers.replaceSecret(of: dossier.code, digest: access.digest(code: dossier.code.description, secret: secret))
        var response = try JSONBody.response(NewSecret(code: dossier.code.description, accessSecret: secret.value))
        response.status = .created
        return response
    }

    func load(_ context: PASCRequestContext) async throws -> StoredDossier {
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), let dossier = try await dossiers.dossier(code) else {
            throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: raw)
        }
        return dossier
    }
}

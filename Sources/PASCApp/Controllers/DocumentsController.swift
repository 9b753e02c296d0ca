import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// Scans attached to a dossier: uploaded as the raw body (typed by its bytes, 415 otherwise; 413
/// over the limit), listed, and served back only as downloads with `nosniff`, each read logged
/// because a scan may show anything about the applicant.
struct DocumentsController: Sendable {
    let digitisation: Digitisation
    let documents: any DocumentStore
    let gate: PersonalDataGate

    func register(on routes: RouteTable) {
        routes.post(
            "/api/v1/dossiers/{code}/documents",
            policy: .forDossier,
            target: .dossierParameter("code"),
            maximumBodyBytes: digitisation.maximumBytes,
            use: upload
        )
        routes.get("/api/v1/dossiers/{code}/documents", policy: .forDossier, target: .dossierParameter("code"), use: list)
        routes.get("/api/v1/dossiers/{code}/documents/{sha256}", policy: .forDossier, target: .dossierParameter("code"), use: download)
    }

    struct DocumentView: Encodable {
        let sha256: String
        let type: String
        let mediaType: String
        let role: String
        let title: String
        let size: Int
        let attachedAt: String
        let downloadPath: String

        init(_ document: DossierDocument, code: DossierCode) {
            sha256 = document.sha256
            type = document.type.rawValue
            mediaType = document.type.mediaType
            role = document.role.rawValue
            title = document.title
            size = document.size
            attachedAt = VietnamTime.format(document.attachedAt)
            downloadPath = "/api/v1/dossiers/\(code)/documents/\(document.sha256)"
        }
    }

    static func tooLarge(_ maximum: Int) -> Problem {
        Problem(
            type: "/problems/too-large",
            title: "Content Too Large",
            status: .contentTooLarge,
            detail: "Tệp vượt quá \(maximum / 1_048_576) MB.",
            detailEn: "The file is larger than \(maximum / 1_048_576) MB."
        )
    }

    @Sendable func upload(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let code = try DossierCode(try context.parameters.require("code"))
        var query = QueryReader(request, allowed: ["role", "title"])
        let role = query.enumValue("role", DocumentRole.self) ?? .paper
        let title = query.string("title") ?? ""
        try query.finish()
        let maximum = digitisation.maximumBytes
        // Refuse early on the declared length; the streamed body is capped as well.
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maximum { throw Self.tooLarge(maximum) }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximum)
        } catch {
            throw Self.tooLarge(maximum)
        }
        do {
            let document = try await digitisation.attach(Data(buffer.readableBytesView), to: code, role: role, title: title, by: member)
            var response = try JSONBody.response(DocumentView(document, code: code))
            response.status = .created
            return response
        } catch is Digitisation.UnsupportedType {
            throw Problem(
                type: "/problems/unsupported-type",
                title: "Unsupported Media Type",
                status: .unsupportedMediaType,
                detail: "Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên).",
                detailEn: "Only PDF, JPEG or PNG files are accepted (checked by their content, not their name)."
            )
        } catch is Digitisation.TooLarge {
            throw Self.tooLarge(maximum)
        } catch let errors as ValidationErrors {
            throw Problem.invalid(errors.errors)
        }
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: [])
        try query.finish()
        let code = try DossierCode(try context.parameters.require("code"))
        let items = try await documents.documents(of: code).map { DocumentView($0, code: code) }
        return try JSONBody.response(PageBody(items: items, nextCursor: nil))
    }

    @Sendable func download(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        var query = QueryReader(request, allowed: [])
        try query.finish()
        let code = try DossierCode(try context.parameters.require("code"))
        let sha = try context.parameters.require("sha256")
        guard let (document, content) = try await documents.documentContent(sha, of: code) else {
            throw Problem.notFound(kind: "document", kindVi: "tài liệu", code: sha, field: "sha256")
        }
        let bytes = try await gate.read([.document], of: code.description, by: member, route: "GET /api/v1/dossiers/{code}/documents/{sha256}") {
            content
        }
        var headers = HTTPFields()
        headers[.contentType] = document.type.mediaType
        headers[.contentDisposition] = "attachment; filename=\"\(code)-\(sha.prefix(12)).\(document.type.fileExtension)\""
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PASCDomain

/// An error answer in the RFC 9457 shape (`application/problem+json`), Vietnamese first.
///
/// Every error PASC returns is one of these: which field, why, and what is allowed, in both
/// languages, with a status that fits.
public struct Problem: HTTPResponseError, Sendable {
    public struct FieldError: Codable, Equatable, Sendable {
        public var field: String
        public var message: String
        public var messageEn: String
    }

    public var type: String
    public var title: String
    public var status: HTTPResponse.Status
    public var detail: String
    public var detailEn: String
    public var errors: [FieldError]
    /// Sent as `Retry-After` with a 429.
    public var retryAfterSeconds: Int?

    public init(type: String, title: String, status: HTTPResponse.Status, detail: String, detailEn: String, errors: [FieldError] = []) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.detailEn = detailEn
        self.errors = errors
    }

    /// 400 for malformed parameters, listing each one.
    public static func invalid(_ errors: [ValidationError]) -> Problem {
        Problem(
            type: "/problems/invalid-request",
            title: "Invalid request",
            status: .badRequest,
            detail: errors.count == 1 ? errors[0].message : "Yêu cầu có \(errors.count) tham số không hợp lệ.",
            detailEn: errors.count == 1 ? errors[0].messageEn : "The request has \(errors.count) invalid parameters.",
            errors: errors.map { FieldError(field: $0.field, message: $0.message, messageEn: $0.messageEn) }
        )
    }

    /// 400 for a body whose domain values were refused: their field names become JSON pointers under `prefix`.
    public static func invalid(_ errors: ValidationErrors, under prefix: String = "") -> Problem {
        invalid(pointers(errors, under: prefix))
    }

    /// Domain field names (`parentCode`, `applicant/homeUnit`) as JSON pointers (`/parentCode`).
    static func pointers(_ errors: ValidationErrors, under prefix: String = "") -> [ValidationError] {
        errors.errors.map { error in
            ValidationError(
                field: error.field.hasPrefix("/") ? error.field : prefix + "/" + error.field,
                message: error.message,
                messageEn: error.messageEn
            )
        }
    }

    /// 401: no valid credentials. The same answer whatever was wrong, so it tells a guesser nothing.
    public static func unauthenticated() -> Problem {
        Problem(
            type: "/problems/unauthenticated",
            title: "Unauthorized",
            status: .unauthorized,
            detail: "Cần đăng nhập (phiên đăng nhập hoặc mã API hợp lệ).",
            detailEn: "Sign in first (a valid session or API token is needed)."
        )
    }

    /// 404 naming the code that was not found.
    public static func notFound(kind: String, kindVi: String, code: String, field: String = "code") -> Problem {
        Problem(
            type: "/problems/not-found",
            title: "Not found",
            status: .notFound,
            detail: "Không tìm thấy \(kindVi) có mã '\(code)'.",
            detailEn: "No \(kind) with code '\(code)'.",
            errors: [FieldError(field: field, message: "Không có \(kindVi) mã '\(code)'.", messageEn: "no \(kind) with code '\(code)'")]
        )
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ProblemBody(
            type: type,
            title: title,
            status: status.code,
            detail: detail,
            detailEn: detailEn,
            errors: errors,
            instance: request.uri.path
        )
        var response = try JSONBody.response(body, status: status, contentType: "application/problem+json")
        if let retryAfterSeconds { response.headers[.retryAfter] = String(retryAfterSeconds) }
        return response
    }
}

/// The wire form of a ``Problem``.
private struct ProblemBody: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let detailEn: String
    let errors: [Problem.FieldError]
    let instance: String
}

import HTTPTypes
import PASCCore
import PASCDomain

extension Problem {
    /// 409 naming the status and the allowed actions, or 422 when only the reason is missing.
    static func transition(_ error: IllegalTransition) -> Problem {
        Problem(
            type: error.missingReason ? "/problems/reason-required" : "/problems/illegal-transition",
            title: error.missingReason ? "Unprocessable Content" : "Conflict",
            status: error.missingReason ? .unprocessableContent : .conflict,
            detail: error.message,
            detailEn: error.messageEn,
            errors: error.missingReason ? [Problem.FieldError(field: "/reason", message: error.message, messageEn: error.messageEn)] : []
        )
    }

    /// 403: the step belongs to other roles, or to the people of another agency.
    static func notYourAction(_ error: Processing.NotYourAction) -> Problem {
        let roles = error.roles.sorted().map(\.rawValue).joined(separator: " or ")
        let detail: String
        let detailEn: String
        if error.roles.isEmpty {
            detail = "Thao tác '\(error.action.name)' chỉ do hệ thống thực hiện."
            detailEn = "'\(error.action.rawValue)' is taken by PASC itself, not by a person."
        } else if let agency = error.agency {
            detail = "Thao tác '\(error.action.name)' dành cho \(roles) của cơ quan \(agency)."
            detailEn = "'\(error.action.rawValue)' is for the \(roles) of agency \(agency)."
        } else {
            detail = "Thao tác '\(error.action.name)' chỉ dành cho vai trò \(roles)."
            detailEn = "'\(error.action.rawValue)' is for role \(roles)."
        }
        return Problem(type: "/problems/forbidden", title: "Forbidden", status: .forbidden, detail: detail, detailEn: detailEn)
    }

    /// 422: well formed, but the law does not allow it (a second apology letter, one after the date).
    static func unprocessable(_ errors: ValidationErrors) -> Problem {
        let list = pointers(errors)
        return Problem(
            type: "/problems/not-allowed",
            title: "Unprocessable Content",
            status: .unprocessableContent,
            detail: list.map(\.message).joined(separator: " "),
            detailEn: list.map(\.messageEn).joined(separator: " "),
            errors: list.map { FieldError(field: $0.field, message: $0.message, messageEn: $0.messageEn) }
        )
    }
}

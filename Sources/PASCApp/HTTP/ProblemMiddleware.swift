import Hummingbird
import Logging
import PASCCore
import PASCDomain

/// Turns every error into problem+json: validation errors become 400, unknown routes 404, and
/// anything unexpected a 500 that names no internals (the details go to the log).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as ValidationError {
            return try Problem.invalid([error]).response(from: request, context: context)
        } catch let errors as ValidationErrors {
            return try Problem.invalid(errors.errors).response(from: request, context: context)
        } catch let error as IllegalTransition {
            return try Problem.transition(error).response(from: request, context: context)
        } catch let error as Processing.NotYourAction {
            return try Problem.notYourAction(error).response(from: request, context: context)
        } catch let error as LogIntegrityError {
            context.logger.critical("the public log's stored tree is damaged", metadata: ["error": "\(error)"])
            return try Problem(
                type: "/problems/log-integrity",
                title: "Service unavailable",
                status: .serviceUnavailable,
                detail: "Nhật ký công khai đang lưu bị sai lệch nên máy chủ không trả bằng chứng; quản trị viên cần chạy pasc verify --database.",
                detailEn: "The stored public log is damaged, so no proof is served; an administrator must run pasc verify --database."
            ).response(from: request, context: context)
        } catch let refused as Throttle.Refused {
            return try Problem.throttled(refused).response(from: request, context: context)
        } catch let error as Processing.ReceiverNotInPlan {
            let allowed = error.allowed.joined(separator: ", ")
            return try Problem(
                type: "/problems/receiver-not-in-plan",
                title: "Unprocessable content",
                status: .unprocessableContent,
                detail: "Không thể chuyển hồ sơ cho '\(error.receiver)': quy trình của hồ sơ chỉ có \(allowed).",
                detailEn: "The dossier cannot go to '\(error.receiver)': its plan names only \(allowed).",
                errors: [
                    Problem.FieldError(
                        field: "/receiver",
                        message: "Chỉ chuyển cho cơ quan trong quy trình: \(allowed).",
                        messageEn: "Only an agency of the plan: \(allowed)."
                    )
                ]
            ).response(from: request, context: context)
        } catch let error as IllegalTicketStep {
            let allowed = error.allowed.map(\.rawValue).joined(separator: ", ")
            return try Problem(
                type: "/problems/ticket-step",
                title: "Conflict",
                status: .conflict,
                detail:
                    "Phiếu đang ở trạng thái '\(error.status.rawValue)': không thể '\(error.action.rawValue)'; có thể: \(allowed.isEmpty ? "không thao tác nào (đã kết thúc)" : allowed).",
                detailEn:
                    "The ticket is '\(error.status.rawValue)': '\(error.action.rawValue)' is not possible; allowed: \(allowed.isEmpty ? "nothing (a final status)" : allowed)."
            ).response(from: request, context: context)
        } catch let error as QueueDesk.CounterNotOpen {
            return try Problem(
                type: "/problems/counter-not-open",
                title: "Conflict",
                status: .conflict,
                detail: error.openBy == nil
                    ? "Quầy \(error.counter) chưa mở: hãy mở quầy trước khi gọi số."
                    : "Quầy \(error.counter) đang do cán bộ khác mở.",
                detailEn: error.openBy == nil
                    ? "Counter \(error.counter) is not open: open it before calling." : "Counter \(error.counter) is open by another officer."
            ).response(from: request, context: context)
        } catch let error as HTTPError {
            let problem = Problem(
                type: "about:blank",
                title: error.status.reasonPhrase,
                status: error.status,
                detail: error.status == .notFound
                    ? "Không có tài nguyên tại đường dẫn \(request.uri.path)." : (error.body ?? error.status.reasonPhrase),
                detailEn: error.status == .notFound ? "Nothing at \(request.uri.path)." : (error.body ?? error.status.reasonPhrase)
            )
            return try problem.response(from: request, context: context)
        } catch StoreError.conflict(let kind, let code) {
            return try Problem(
                type: "/problems/conflict",
                title: "Conflict",
                status: .conflict,
                detail: "Đã có \(Self.vietnamese(kind)) với mã '\(code)'.",
                detailEn: "A \(kind) '\(code)' exists already."
            ).response(from: request, context: context)
        } catch StoreError.changedMeanwhile(let kind, let code) {
            return try Problem(
                type: "/problems/changed-meanwhile",
                title: "Conflict",
                status: .conflict,
                detail: "\(Self.vietnamese(kind).capitalizedFirst) '\(code)' vừa được người khác sửa; hãy tải lại rồi sửa lại.",
                detailEn: "The \(kind) '\(code)' was changed by someone else meanwhile; read it again and redo the change."
            ).response(from: request, context: context)
        } catch StoreError.notFound(let kind, let code) {
            return try Problem.notFound(kind: kind, kindVi: Self.vietnamese(kind), code: code).response(from: request, context: context)
        } catch let error as StoreError {
            context.logger.error("store error", metadata: ["error": "\(error)"])
            return try Problem(
                type: "/problems/unavailable",
                title: "Service unavailable",
                status: .serviceUnavailable,
                detail: "Cơ sở dữ liệu tạm thời không phản hồi; vui lòng thử lại sau.",
                detailEn: "The database is not answering; please try again later."
            ).response(from: request, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return try Problem(
                type: "/problems/internal",
                title: "Internal error",
                status: .internalServerError,
                detail: "Đã xảy ra lỗi nội bộ; lỗi đã được ghi lại.",
                detailEn: "An internal error occurred; it has been logged."
            ).response(from: request, context: context)
        }
    }
}

extension ProblemMiddleware {
    /// Vietnamese names of the record kinds the store reports.
    static func vietnamese(_ kind: String) -> String {
        switch kind {
        case "office": "đơn vị"
        case "procedure": "thủ tục"
        case "agency": "cơ quan"
        case "staff account": "tài khoản"
        case "announced day": "ngày nghỉ/làm bù đã công bố"
        case "boundary-free decision": "quyết định phi địa giới"
        case "dossier": "hồ sơ"
        case "ticket": "phiếu"
        case "counter": "quầy"
        case "service group": "nhóm dịch vụ"
        default: kind
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

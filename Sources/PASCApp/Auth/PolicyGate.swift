import HTTPTypes
import Hummingbird
import PASCDomain

/// Checks the matched route's policy before its handler runs; refuses routes without one.
struct PolicyGate: RouterMiddleware {
    typealias Context = PASCRequestContext
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let path = context.endpointPath, let entry = table.entry(method: request.method, path: path) else {
            throw Problem(
                type: "/problems/forbidden",
                title: "Forbidden",
                status: .forbidden,
                detail: "Đường dẫn này chưa được khai báo quyền truy cập nên bị từ chối.",
                detailEn: "This route declares no access policy, so it is refused."
            )
        }
        var target = PolicyTarget()
        switch entry.target {
        case .none: break
        case .officeParameter(let name):
            guard let raw = context.parameters.get(name), let office = try? OfficeCode(raw) else {
                throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: context.parameters.get(name) ?? "", field: name)
            }
            target.office = office
        case .agencyParameter(let name):
            target.agency = context.parameters.get(name)
        case .dossierParameter(let name):
            // Anonymous callers learn nothing about the dossier: they are refused before it is read.
            guard context.member != nil else {
                if Self.isPage(path) { return SignInPagesController.signInAgain(request) }
                throw Problem.unauthenticated()
            }
            let raw = context.parameters.get(name) ?? ""
            guard let code = try? DossierCode(raw), let scope = try await table.loadDossierScope(code) else {
                if Self.isPage(path), let pages = table.pages {
                    let what = pages.text.text("what_dossier", PageLanguage(request))
                    return try pages.page("not-found", title: "not_found_title", values: ["what": what], request: request, status: .notFound)
                }
                throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: raw, field: name)
            }
            target.dossierOffices = scope.offices
            target.agency = scope.agency
            if scope.holder != scope.agency { target.holderAgency = scope.holder }
        }
        // Only office scopes need the tree, and only for leaders' subtrees: load it just then.
        var tree = OfficeTree(offices: [])
        switch entry.policy {
        case .atOffice, .forDossier: if context.member != nil { tree = try await table.loadTree() }
        default: break
        }
        let page = Self.isPage(path)
        switch entry.policy.decide(context.member, target: target, tree: tree) {
        case .allowed:
            guard page else { return try await next(request, context) }
            do {
                return try await next(request, context)
            } catch is PageForm.ForgedOrExpired {
                return SignInPagesController.signInAgain(request)
            }
        case .unauthenticated:
            if page { return SignInPagesController.signInAgain(request) }
            throw Problem.unauthenticated()
        case .forbidden(let missing):
            if page, let pages = table.pages {
                return try pages.page("forbidden", title: "forbidden_title", values: ["missing": missing], request: request, status: .forbidden)
            }
            throw Problem(
                type: "/problems/forbidden",
                title: "Forbidden",
                status: .forbidden,
                detail: "Bạn không có quyền thực hiện thao tác này: thiếu \(missing).",
                detailEn: "You may not do this: missing \(missing)."
            )
        }
    }

    /// A page for people (HTML, redirects to sign in) rather than a route of the API, the log or Open311.
    static func isPage(_ path: String) -> Bool {
        !(path.hasPrefix("/api/") || path.hasPrefix("/log/") || path.hasPrefix("/open311/"))
    }
}

import HTTPTypes
import Hummingbird
import PASCDomain

/// The one place routes are declared, each with its policy.
///
/// Every route lives in one router group whose ``PolicyGate`` looks the matched route up here:
/// a route that reached the group without a policy is refused (default deny), and a test walks
/// the router's routes to make sure none is missing.
public final class RouteTable: @unchecked Sendable {
    /// Where a policy finds the office or agency a request is about.
    public enum Target: Sendable, Equatable {
        case none
        /// The path parameter naming an office.
        case officeParameter(String)
        /// The path parameter naming an agency.
        case agencyParameter(String)
        /// The path parameter naming a dossier: its offices and agency decide.
        case dossierParameter(String)
    }

    public struct Entry: Sendable {
        public let policy: Policy
        public let target: Target
    }

    // Written only while the router is built (before the server starts), read afterwards.
    private(set) var entries: [String: Entry] = [:]
    let group: RouterGroup<PASCRequestContext>
    /// The office tree as it is now (offices can be edited), for leaders' subtree checks.
    let loadTree: @Sendable () async throws -> OfficeTree
    /// A dossier's offices (receiving, return) and agency, nil when there is no such dossier.
    let loadDossierScope: @Sendable (DossierCode) async throws -> (offices: [OfficeCode], agency: String, holder: String)?
    /// Makes creating routes honour `Idempotency-Key` (set before routes are registered).
    var idempotency: Idempotency?
    /// Renders the pages' refusals (403) in HTML; set when the pages are built.
    var pages: PageRenderer?

    init(
        router: Router<PASCRequestContext>,
        loadTree: @escaping @Sendable () async throws -> OfficeTree,
        loadDossierScope: @escaping @Sendable (DossierCode) async throws -> (offices: [OfficeCode], agency: String, holder: String)? = { _ in nil }
    ) {
        self.loadTree = loadTree
        self.loadDossierScope = loadDossierScope
        group = router.group()
        group.add(middleware: PolicyGate(table: self))
    }

    static func key(_ method: HTTPRequest.Method, _ path: String) -> String { "\(method.rawValue) \(path)" }

    /// The policy of a route as the router names it (`GET /api/v1/offices/{code}`).
    public func entry(method: HTTPRequest.Method, path: String) -> Entry? { entries[Self.key(method, path)] }

    /// Registers `handler` for `method` and `path` (OpenAPI style, `{code}`), guarded by `policy`.
    func add(
        _ method: HTTPRequest.Method,
        _ path: String,
        policy: Policy,
        target: Target = .none,
        use handler: @escaping @Sendable (Request, PASCRequestContext) async throws -> Response
    ) {
        entries[Self.key(method, path)] = Entry(policy: policy, target: target)
        let routerPath = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
        group.on(RouterPath(routerPath), method: method, use: handler)
    }

    func get(
        _ path: String,
        policy: Policy,
        target: Target = .none,
        use handler: @escaping @Sendable (Request, PASCRequestContext) async throws -> Response
    ) {
        add(.get, path, policy: policy, target: target, use: handler)
    }

    /// A creating route: with ``idempotency`` set, a repeated `Idempotency-Key` replays the first
    /// answer. Routes whose answer holds a once-shown secret, or that handle keys themselves, pass
    /// `idempotent: false`.
    func post(
        _ path: String,
        policy: Policy,
        target: Target = .none,
        idempotent: Bool = true,
        maximumBodyBytes: Int = JSONInput.maximumBytes,
        use handler: @escaping @Sendable (Request, PASCRequestContext) async throws -> Response
    ) {
        guard idempotent, let idempotency else { return add(.post, path, policy: policy, target: target, use: handler) }
        let route = "POST \(path)"
        add(.post, path, policy: policy, target: target) { request, context in
            try await idempotency.run(request, context: context, route: route, maximumBodyBytes: maximumBodyBytes) { replayable in
                try await Idempotency.collect(try await handler(replayable, context))
            }
        }
    }

    func delete(
        _ path: String,
        policy: Policy,
        target: Target = .none,
        use handler: @escaping @Sendable (Request, PASCRequestContext) async throws -> Response
    ) {
        add(.delete, path, policy: policy, target: target, use: handler)
    }

    func put(
        _ path: String,
        policy: Policy,
        target: Target = .none,
        use handler: @escaping @Sendable (Request, PASCRequestContext) async throws -> Response
    ) {
        add(.put, path, policy: policy, target: target, use: handler)
    }

    func patch(
        _ path: String,
        policy: Policy,
        target: Target = .none,
        use handler: @escaping @Sendable (Request, PASCRequestContext) async throws -> Response
    ) {
        add(.patch, path, policy: policy, target: target, use: handler)
    }
}

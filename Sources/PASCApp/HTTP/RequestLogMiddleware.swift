import Hummingbird
import Logging

/// Logs each request by its method and path, never its query string: queries carry what people
/// typed (a scan's title such as "CCCD …", a position `near=10.98,106.61`), which a server log
/// must not keep. The names of the query's parameters are kept, their values are not.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    init(_ level: Logger.Level) { self.level = level }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var metadata: Logger.Metadata = [
            "hb.request.method": .string(request.method.rawValue),
            "hb.request.path": .string(request.uri.path),
        ]
        let names = Self.parameterNames(request.uri.query)
        if !names.isEmpty { metadata["hb.request.query"] = .string(names.map { "\($0)=…" }.joined(separator: "&")) }
        context.logger.log(level: level, "Request", metadata: metadata)
        return try await next(request, context)
    }

    /// The names of a query's parameters, in order, without their values.
    static func parameterNames(_ query: String?) -> [String] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return String(name.prefix(40).filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
        }
    }
}

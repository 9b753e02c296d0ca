import Foundation
import Hummingbird

/// Counts every request by route, method and status, and times it, into ``PASCMetrics``.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: PASCMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        func record(_ status: Int) {
            let elapsed = Int64(clamping: DispatchTime.now().uptimeNanoseconds &- start)
            metrics.answered(route: Self.route(context), method: request.method.rawValue, status: status, nanoseconds: elapsed)
        }
        do {
            let response = try await next(request, context)
            record(Int(response.status.code))
            return response
        } catch let error as any HTTPResponseError {
            record(Int(error.status.code))
            throw error
        } catch {
            record(500)
            throw error
        }
    }

    /// The matched route's pattern with `{name}` placeholders, or `unmatched`.
    static func route(_ context: Context) -> String {
        guard let path = context.endpointPath else { return "unmatched" }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }
}

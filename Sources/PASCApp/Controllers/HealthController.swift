import Hummingbird
import Logging
import PASCCore
import PASCDomain

/// `/health` (the process answers) and `/ready` (the database answers too).
struct HealthController: Sendable {
    let store: any Store
    /// Reported as `time`, so a demo or test started with `--clock` can see which time the server lives in.
    let clock: any Clock

    func register(on routes: RouteTable) {
        routes.get("/health", policy: .everyone) { _, _ in
            try JSONBody.response(["status": "ok", "time": VietnamTime.format(clock.now())])
        }
        routes.get("/ready", policy: .everyone) { request, context in
            do {
                try await store.ping()
                return try JSONBody.response(["status": "ready"])
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                return try Problem(
                    type: "/problems/unavailable",
                    title: "Not ready",
                    status: .serviceUnavailable,
                    detail: "Cơ sở dữ liệu không phản hồi.",
                    detailEn: "The database is not reachable."
                ).response(from: request, context: context)
            }
        }
    }
}

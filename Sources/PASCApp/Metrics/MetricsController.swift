import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// `/metrics` in the Prometheus text format: the requests counted by ``MetricsMiddleware`` and,
/// read at each scrape, dossiers by state, dossiers past their appointment, tickets waiting per
/// office and the public log's size. Counts only: no personal data.
struct MetricsController: Sendable {
    let metrics: PASCMetrics
    let store: any MetricsStore & DashboardStore & TransparencyLogStore
    let network: NetworkCache
    let clock: any Clock

    func register(on routes: RouteTable) {
        routes.get("/metrics", policy: .everyone, use: show)
    }

    @Sendable func show(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let now = VietnamTime.localDateTime(clock.now())
        let byStatus = try await store.dossiersByStatus()
        for status in DossierStatus.allCases {
            metrics.gauge(
                "pasc_dossiers",
                [("status", status.rawValue)],
                help: "Dossiers by state (the national portal's status names).",
                value: Double(byStatus[status] ?? 0)
            )
        }
        let overdue = try await store.openPastDue([.province], before: now)[.province] ?? 0
        metrics.gauge(
            "pasc_dossiers_overdue",
            help: "Open dossiers whose clock runs and whose appointment has passed.",
            value: Double(overdue)
        )
        let waiting = try await store.ticketsWaiting(day: now.date)
        for office in try await network.network().offices {
            metrics.gauge(
                "pasc_tickets_waiting",
                [("office", office.code.rawValue)],
                help: "Tickets waiting to be called today, per office.",
                value: Double(waiting[office.code] ?? 0)
            )
        }
        metrics.gauge("pasc_log_leaves", help: "Leaves in the public transparency log.", value: Double(try await store.logHead().size))
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text()))
        )
    }
}

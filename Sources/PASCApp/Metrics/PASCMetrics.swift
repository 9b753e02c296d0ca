import CoreMetrics
import Metrics
import Prometheus

/// The server's metrics in one Prometheus registry of its own (not the process-wide
/// `MetricsSystem`, so every application and test has its own counts). Requests are counted
/// through swift-metrics with this registry's factory; the figures read from the database are
/// gauges set at each scrape.
final class PASCMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Seconds, from a fast page to a slow export.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// One answered request. `route` is the route's pattern (`/api/v1/dossiers/{code}`), never the
    /// path itself: codes in paths would make a series per dossier.
    func answered(route: String, method: String, status: Int, nanoseconds: Int64) {
        Counter(
            label: "pasc_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))],
            factory: factory
        ).increment()
        Timer(label: "pasc_http_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory)
            .recordNanoseconds(nanoseconds)
    }

    func gauge(_ name: String, _ labels: [(String, String)] = [], help: String, value: Double) {
        registry.makeGauge(name: name, labels: labels, help: help).set(value)
    }

    func text() -> String { registry.emitToString() }
}

import ArgumentParser
import Foundation
import PASCCore
import PASCDomain
import PASCStore

/// The province's dashboard for a year, measured at the query (the use case, no HTTP): what
/// issue 8 asks to cost the same at a million dossiers as at ten thousand.
struct DashboardBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "The province's dashboard for one year: latency p50/p90.")

    @Option var database: String
    @Option var year: Int = 2025
    @Option var runs: Int = 30
    @Option(help: "province, or a scope such as branch:000.00.11.H56") var scope: String = "province"

    func run() async throws {
        let store = try await openSeeded(database)
        let clock = SystemClock()
        let network = NetworkCache(store: store, clock: clock)
        let dashboard = Dashboard(
            store: store,
            directory: store,
            network: network,
            calendar: CalendarService(store: store, clock: clock),
            clock: clock
        )
        let root = try await network.network().offices.first { $0.parentCode == nil }!.code
        let leader = try StaffMember(
            username: "bench.leader",
            fullName: "Bench",
            roles: [.leader],
            scope: StaffScope(offices: [root]),
            homeOffice: root
        )
        let chosen = try DashboardScope(parsing: scope)
        let period = DashboardPeriod(.year, containing: try LocalDate(year: year, month: 6, day: 15))
        let dossiers = try await store.dossiersByStatus().values.reduce(0, +)
        // Warm the caches (network, calendar, procedures) and the database's pages once.
        var report = try await dashboard.report(chosen, period, for: leader)
        var latencies: [Double] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            report = try await dashboard.report(chosen, period, for: leader)
            latencies.append(seconds(since: started) * 1000)
        }
        latencies.sort()
        line(
            String(
                format:
                    "%d dossiers in the database; %@ %d: received %d, to process %d, on time %.1f %%; %d offices, %d agencies, %d procedures in the tables",
                dossiers,
                scope,
                year,
                report.dossiers.received,
                report.dossiers.toProcess,
                (report.dossiers.onTimeRate ?? 0) * 100,
                report.offices.count,
                report.agencies.count,
                report.procedures.count
            )
        )
        line(
            String(
                format: "%d runs: p50 %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms",
                runs,
                percentile(latencies, 50),
                percentile(latencies, 90),
                latencies.first ?? .nan,
                latencies.last ?? .nan
            )
        )
        try await store.shutdown()
    }
}

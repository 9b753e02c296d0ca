import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PASCCore
import PASCDomain
import PASCStore

/// Generates history through the same code as `pasc demo generate` (``DemoHistory``).
struct GenerateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "pasc demo generate, in this release build.")

    @Option var database: String
    @Option var dossiers: Int = 1_000_000
    @Option var days: Int = 365
    @Option var seed: UInt64 = 1
    @Option var batch: Int = 2_000

    func run() async throws {
        let store = try await openSeeded(database)
        let clock = SystemClock()
        let history = DemoHistory(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock)
        let started = ContinuousClock.now
        var lastTenth = -1
        let summary = try await history.generate(DemoHistory.Options(dossiers: dossiers, days: days, seed: seed, batch: batch)) { done, total in
            let tenth = done * 10 / max(total, 1)
            if tenth != lastTenth {
                lastTenth = tenth
                line("  \(done)/\(total) dossiers, \(String(format: "%.0f", Double(done) / seconds(since: started)))/s")
            }
        }
        let elapsed = seconds(since: started)
        line(
            String(
                format: "generated %d dossiers, %d events in %.1f s (%.0f dossiers/s); %d supplements, %d late, %d open",
                summary.dossiers,
                summary.events,
                elapsed,
                Double(summary.dossiers) / elapsed,
                summary.supplements,
                summary.late,
                summary.open
            )
        )
        try await store.shutdown()
    }
}

/// Latency of the public timeline (`GET /api/v1/dossiers/{code}`) for random dossiers of a large history.
struct TimelineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline", abstract: "Timeline lookup latency p50/p99.")

    @Option var database: String
    @Option var lookups: Int = 5_000
    @Option var concurrency: Int = 1

    func run() async throws {
        let postgres = database.hasPrefix("postgres")
        let raw: any RawConnection = postgres ? try await RawPostgres.open(database) : try await RawSQLite.open(database)
        let total = try await raw.run("SELECT COUNT(*) FROM dossiers", []) ?? "?"
        let codes = try await RawCodes.sample(raw, count: lookups, postgres: postgres)
        try await raw.close()
        guard !codes.isEmpty else { throw BenchError("no dossiers: generate them first") }

        let store = try await openSeeded(database)
        let server = try await InProcessServer.start(store: store)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        // Warm up the connection and the caches a little.
        for code in codes.prefix(50) { _ = try await Self.get(client, server.port, code) }
        let next = Counter()
        let started = ContinuousClock.now
        var latencies: [Double] = []
        try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var mine: [Double] = []
                    while true {
                        let i = next.take()
                        if i >= codes.count { return mine }
                        let start = ContinuousClock.now
                        guard try await Self.get(client, server.port, codes[i]) == 200 else { throw BenchError("lookup of \(codes[i]) failed") }
                        mine.append(seconds(since: start) * 1000)
                    }
                }
            }
            for try await part in group { latencies += part }
        }
        let elapsed = seconds(since: started)
        try await client.shutdown()
        await server.stop()
        try await store.shutdown()
        latencies.sort()
        line("database:      \(postgres ? "PostgreSQL" : "SQLite") with \(total) dossiers")
        line(
            "lookups:       \(latencies.count) random dossiers, \(concurrency) in flight, \(String(format: "%.0f", Double(latencies.count) / elapsed))/s"
        )
        line(
            String(
                format: "latency ms:    p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
                percentile(latencies, 50),
                percentile(latencies, 90),
                percentile(latencies, 99),
                latencies.last ?? .nan
            )
        )
    }

    static func get(_ client: HTTPClient, _ port: Int, _ code: String) async throws -> UInt {
        let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/dossiers/\(code)"), timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 22)
        return response.status.code
    }
}

enum RawCodes {
    /// `count` codes picked uniformly by row number.
    static func sample(_ raw: any RawConnection, count: Int, postgres: Bool) async throws -> [String] {
        guard let maxText = try await raw.run(postgres ? "SELECT COUNT(*) FROM dossiers" : "SELECT MAX(rowid) FROM dossiers", []),
            let maximum = Int(maxText), maximum > 0
        else { return [] }
        var codes: [String] = []
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<count {
            let n = Int(rng.next() % UInt64(maximum))
            let sql =
                postgres
                ? "SELECT code FROM dossiers ORDER BY code OFFSET CAST(? AS BIGINT) LIMIT 1"
                : "SELECT code FROM dossiers WHERE rowid >= CAST(? AS INTEGER) LIMIT 1"
            if let code = try await raw.run(sql, [String(postgres ? n : n + 1)]) { codes.append(code) }
        }
        return codes
    }
}

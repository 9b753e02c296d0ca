import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PASCCore
import PASCDomain
import PASCStore

/// Call-next over HTTP with many busy counters: throughput and latency, on SQLite or PostgreSQL.
/// The tickets are issued through the store first (the queue is full when the counters start);
/// then every counter calls the next ticket as soon as its last call answered, until none is left.
struct QueueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Call-next throughput and latency with busy counters.")

    @Option(help: "A SQLite path or a postgres:// URL of a scratch database (it is written to).") var database: String
    @Option(help: "Tickets in the queue.") var tickets: Int = 20_000
    @Option(help: "Counters calling at once, each with its own officer.") var counters: Int = 50

    func run() async throws {
        let store = try await openSeeded(database)
        let office = try OfficeCode("000.00.01.H56")
        let groups = ["A", "B", "C", "D"]
        var tokens: [String] = []
        let now = Date()
        for number in 1...counters {
            // Every counter serves every group: all of them stay busy until the queue is empty.
            try await store.saveCounter(try PASCDomain.Counter(office: office, number: number, groups: groups, officer: nil), actor: "bench")
            let (username, token) = try await officer(store, office: office, index: number)
            _ = try await store.openCounter(office: office, number: number, officer: username, at: now)
            tokens.append(token)
        }
        let day = VietnamTime.localDate(now)
        let issueStarted = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for i in stride(from: worker, to: tickets, by: 8) {
                        _ = try await store.issueTicket(
                            NewTicket(
                                office: office,
                                day: day,
                                group: groups[i % groups.count],
                                priority: i % 9 == 0 ? .elderly : nil,
                                channel: .kiosk,
                                issuedAt: now.addingTimeInterval(Double(i) / 10),
                                actor: "bench"
                            )
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let issueSeconds = seconds(since: issueStarted)

        let server = try await InProcessServer.start(store: store)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: (ids: [Int], latencies: [Double]).self) { group in
            for number in 1...counters {
                let token = tokens[number - 1]
                group.addTask {
                    var ids: [Int] = []
                    var latencies: [Double] = []
                    while true {
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/api/v1/offices/\(office)/counters/\(number)/call-next")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(token)")
                        let t0 = ContinuousClock.now
                        let response = try await client.execute(request, timeout: .seconds(60))
                        let body = try await response.body.collect(upTo: 1 << 20)
                        latencies.append(seconds(since: t0) * 1000)
                        guard response.status == .ok else { throw BenchError("call-next answered \(response.status)") }
                        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
                        guard let ticket = json?["ticket"] as? [String: Any], let id = ticket["id"] as? Int else { break }
                        ids.append(id)
                    }
                    return (ids, latencies)
                }
            }
            var all: [(ids: [Int], latencies: [Double])] = []
            for try await result in group { all.append(result) }
            return all
        }
        let callSeconds = seconds(since: started)
        try await client.shutdown()
        await server.stop()
        try await store.shutdown()

        let ids = results.flatMap(\.ids)
        let latencies = results.flatMap(\.latencies).sorted()
        guard ids.count == tickets, Set(ids).count == tickets else {
            throw BenchError("\(ids.count) calls for \(tickets) tickets, \(Set(ids).count) distinct")
        }
        line("database:            \(database.hasPrefix("postgres") ? "PostgreSQL" : "SQLite (WAL, synchronous=FULL)")")
        line("queue:               \(tickets) tickets issued in \(String(format: "%.1f", issueSeconds)) s; \(counters) counters calling")
        line("calls/s:             \(Int(Double(tickets) / callSeconds))  (\(String(format: "%.2f", callSeconds)) s, every ticket called once)")
        line(
            "call-next latency:   p50 \(String(format: "%.1f", percentile(latencies, 50))) ms, p90 \(String(format: "%.1f", percentile(latencies, 90))) ms, "
                + "p99 \(String(format: "%.1f", percentile(latencies, 99))) ms, max \(String(format: "%.1f", latencies.last ?? .nan)) ms"
        )
    }
}

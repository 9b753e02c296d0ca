import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PASCCore
import PASCDomain
import PASCStore
import PASCTransparency

/// Leaves appended per second inside the event transactions: dossier steps through the store's
/// own path (the event, its leaf, the tree's new subtrees and state, one transaction each), with
/// `concurrency` in flight.
struct LogAppendBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log-append", abstract: "Events with their log leaves per second.")

    @Option var database: String
    @Option var dossiers: Int = 2_000
    @Option var concurrency: Int = 16

    func run() async throws {
        let store = try await openSeeded(database)
        let offices = try await store.allOffices(OfficeFilter(level: .communePoint)).prefix(10).map(\.code)
        let procedure = try ProcedureCode("2.001019")
        let day = VietnamTime.localDateTime(Date()).date
        let officer = EventActor(username: "bench.motcua", role: .receptionOfficer, office: offices[0])
        let specialist = EventActor(username: "bench.chuyenvien", role: .specialist, agency: "ubnd.25750")
        let sizeBefore = try await store.logHead().size
        let next = Counter()
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    while true {
                        let i = next.take()
                        if i >= dossiers { return }
                        let new = NewDossier(
                            submissionID: "bench-\(UUID().uuidString)",
                            procedure: procedure,
                            office: offices[i % offices.count],
                            day: day,
                            channel: .counter,
                            applicant: try Applicant(
                                kind: .citizen,
                                name: "Người Thử \(i)",
                                id: PersonalID("074190\(String(format: "%06d", i % 1_000_000))", kind: .citizenID),
                                phone: nil,
                                address: nil,
                                homeUnit: "25747"
                            ),
                            agency: "ubnd.25750",
                            receivedAt: Date(),
                            appointment: Appointment.count(
                                .workingDays(2),
                                submittedAt: VietnamTime.localDateTime(Date()),
                                calendar: WorkingCalendar()
                            ),
                            delivery: .office(offices[i % offices.count]),
                            secretDigest: { "bench-\($0)" },
                            receivedBy: officer
                        )
                        let code = try await store.acceptDossier(new)
                        let start = try DossierLifecycle.event(.startProcessing, on: .accepted, by: specialist, at: Date())
                        try await store.applyEvent(start, to: code, update: DossierUpdate())
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = seconds(since: started)
        let appended = try await store.logHead().size - sizeBefore
        line("database:        \(database.hasPrefix("postgres") ? "PostgreSQL" : "SQLite")")
        line(
            String(
                format: "transactions:    %d (an acceptance and a step per dossier), %d in flight, %.1f s",
                dossiers * 2,
                concurrency,
                elapsed
            )
        )
        line(String(format: "leaves appended: %d, %.0f/s (each inside its event's transaction)", appended, Double(appended) / elapsed))
        try await store.shutdown()
    }
}

/// Inclusion and consistency proof times on a log of `leaves` leaves: builds the log in bulk
/// (synthetic leaves, the real tables) unless it is that big already, then asks random proofs.
struct LogProofsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log-proofs", abstract: "Proof times at a given log size.")

    @Option var database: String
    @Option var leaves: Int = 1_000_000
    @Option var proofs: Int = 2_000
    @Option var batch: Int = 20_000

    func run() async throws {
        var logger = Logger(label: "pasc.bench.store")
        logger.logLevel = .warning
        let store = try await StoreFactory.open(DatabaseLocation(database), logger: logger)
        _ = try await store.migrate()
        var size = try await store.logHead().size
        if size < leaves {
            let started = ContinuousClock.now
            while size < leaves {
                let count = min(batch, leaves - size)
                let entries = (size..<(size + count)).map { i in
                    LogEntry(kind: .masterData, reference: String(i), ordinal: 0, text: #"{"v":1,"type":"bench","n":\#(i)}"#)
                }
                try await store.appendLogEntries(entries)
                size += count
                if size % (batch * 25) == 0 || size == leaves {
                    line(String(format: "  %d leaves, %.0f/s", size, Double(size) / seconds(since: started)))
                }
            }
        }
        let log = TransparencyLog(store: store, clock: SystemClock())
        let head = try await store.logHead()
        var rng = SplitMix64(seed: 6962)
        var inclusion: [Double] = []
        var consistency: [Double] = []
        for _ in 0..<proofs {
            let index = Int(rng.next() % UInt64(head.size))
            var start = ContinuousClock.now
            let path = try await log.inclusionProof(index: index, size: head.size)
            inclusion.append(seconds(since: start) * 1_000_000)
            let leaf = try await store.logNodes([NodeKey(level: 0, index: index)])[NodeKey(level: 0, index: index)]!
            try MerkleVerification.verifyInclusion(index: UInt64(index), size: UInt64(head.size), leaf: leaf, proof: path, root: head.root)
            let older = 1 + Int(rng.next() % UInt64(head.size - 1))
            start = ContinuousClock.now
            let proof = try await log.consistencyProof(from: older, to: head.size)
            consistency.append(seconds(since: start) * 1_000_000)
            _ = proof
        }
        inclusion.sort()
        consistency.sort()
        line("log size:     \(head.size) leaves (\(database.hasPrefix("postgres") ? "PostgreSQL" : "SQLite"))")
        for (name, values) in [("inclusion", inclusion), ("consistency", consistency)] {
            line(
                String(
                    format: "%@ µs: mean %.0f  p50 %.0f  p99 %.0f  (%d proofs, every inclusion proof verified)",
                    name,
                    values.reduce(0, +) / Double(values.count),
                    percentile(values, 50),
                    percentile(values, 99),
                    values.count
                )
            )
        }
        try await store.shutdown()
    }
}

/// Public tracking lookups (`GET /api/v1/dossiers/{code}`) per second against the bare `/health`
/// of the same server in the same run: the ratio says what the lookup costs beyond HTTP itself.
/// Twice: each dossier looked up once (read and encoded every time), and a few thousand dossiers
/// followed again and again (served from the kept public view).
struct TrackingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tracking", abstract: "Tracking lookups against /health.")

    @Option var database: String
    @Option var requests: Int = 20_000
    @Option var concurrency: Int = 16
    @Option(help: "Dossiers followed again and again in the second measure.") var followed: Int = 5_000

    func run() async throws {
        let postgres = database.hasPrefix("postgres")
        let raw: any RawConnection = postgres ? try await RawPostgres.open(database) : try await RawSQLite.open(database)
        let total = try await raw.run("SELECT COUNT(*) FROM dossiers", []) ?? "?"
        // Distinct codes, in the sampled order: the first looks must all miss the kept views.
        var seen = Set<String>()
        let codes = try await RawCodes.sample(raw, count: requests, postgres: postgres).filter { seen.insert($0).inserted }
        try await raw.close()
        guard !codes.isEmpty else { throw BenchError("no dossiers: generate them first") }
        let store = try await openSeeded(database)
        let server = try await InProcessServer.start(store: store)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        func measure(_ count: Int, _ path: @escaping @Sendable (Int) -> String) async throws -> (perSecond: Double, latencies: [Double]) {
            let next = Counter()
            let started = ContinuousClock.now
            var latencies: [Double] = []
            try await withThrowingTaskGroup(of: [Double].self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        var mine: [Double] = []
                        while true {
                            let i = next.take()
                            if i >= count { return mine }
                            let start = ContinuousClock.now
                            let response = try await client.execute(
                                HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path(i))"),
                                timeout: .seconds(30)
                            )
                            _ = try await response.body.collect(upTo: 1 << 22)
                            guard response.status.code == 200 else { throw BenchError("\(path(i)) answered \(response.status.code)") }
                            mine.append(seconds(since: start) * 1000)
                        }
                    }
                }
                for try await part in group { latencies += part }
            }
            return (Double(count) / seconds(since: started), latencies.sorted())
        }
        // Warm the HTTP path, then measure health, the first looks, the followed dossiers (after one
        // unmeasured round that keeps their views), health again (the better health counts).
        _ = try await measure(requests) { _ in "/health" }
        let health1 = try await measure(requests) { _ in "/health" }
        let firstLooks = try await measure(codes.count) { i in "/api/v1/dossiers/\(codes[i])" }
        let followedCodes = Array(codes.prefix(followed))
        _ = try await measure(followedCodes.count) { i in "/api/v1/dossiers/\(followedCodes[i])" }
        let again = try await measure(requests) { i in "/api/v1/dossiers/\(followedCodes[i % followedCodes.count])" }
        let health2 = try await measure(requests) { _ in "/health" }
        let health = health1.perSecond >= health2.perSecond ? health1 : health2
        try await client.shutdown()
        await server.stop()
        try await store.shutdown()
        line("database:   \(postgres ? "PostgreSQL" : "SQLite") with \(total) dossiers; \(concurrency) requests in flight")
        let rows = [
            ("/health", "\(requests) requests", health),
            ("first look", "\(codes.count) dossiers once each", firstLooks),
            ("followed", "\(followedCodes.count) dossiers, \(requests) looks", again),
        ]
        for (name, what, result) in rows {
            line(
                String(
                    format: "%-11@ %6.0f/s  p50 %.2f ms  p99 %.2f ms  (%@)",
                    name,
                    result.perSecond,
                    percentile(result.latencies, 50),
                    percentile(result.latencies, 99),
                    what
                )
            )
        }
        line(
            String(
                format: "ratio:      first look %.2f, followed %.2f (tracking ÷ health)",
                firstLooks.perSecond / health.perSecond,
                again.perSecond / health.perSecond
            )
        )
    }
}

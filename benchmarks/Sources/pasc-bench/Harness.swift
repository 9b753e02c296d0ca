import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import PASCApp
import PASCCore
import PASCDomain
import PASCStore

/// A PASC server in this process over `store`, on a free port, until `stop()`.
final class InProcessServer: @unchecked Sendable {
    let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    static func start(store: SQLStore) async throws -> InProcessServer {
        var logger = Logger(label: "pasc.bench")
        logger.logLevel = .warning
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(
            store: store,
            clock: SystemClock(),
            settings: ServerSettings(host: "127.0.0.1", port: 0, latenessSweepInterval: .seconds(3600)),
            logger: logger
        ) { port in continuation.yield(port) }
        let task = Task { try await app.runService() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw BenchError("the server did not start") }
        return InProcessServer(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Opens (and migrates) a store and seeds the demo network without its staff roster.
func openSeeded(_ database: String) async throws -> SQLStore {
    var logger = Logger(label: "pasc.bench.store")
    logger.logLevel = .warning
    let store = try await StoreFactory.open(DatabaseLocation(database), logger: logger)
    _ = try await store.migrate()
    _ = try await AnnouncedDaysSeed.seedIfEmpty(store)
    _ = try await Seeder(store: store).seedDemo()
    return store
}

/// A reception officer at `office` with an API token, created directly in the store.
func officerToken(_ store: SQLStore, office: OfficeCode, index: Int) async throws -> String {
    try await officer(store, office: office, index: index).token
}

/// A reception officer at `office`: the username and an API token.
func officer(_ store: SQLStore, office: OfficeCode, index: Int) async throws -> (username: String, token: String) {
    let username = "bench.\(index).\(UInt32.random(in: 0...UInt32.max))"
    let member = try StaffMember(
        username: username,
        fullName: "Bench \(index)",
        roles: [.receptionOfficer],
        scope: StaffScope(offices: [office]),
        homeOffice: office
    )
    try await store.insertStaff(member, passwordHash: "bench-no-password", actor: "bench")
    let authentication = Authentication(
        accounts: store,
        passwords: BcryptPasswordHasher(cost: 10),
        secrets: SHA256SecretHasher(),
        clock: SystemClock()
    )
    return (username, try await authentication.issueToken(for: username, label: "bench").token)
}

/// Percentiles of a sample, in the sample's unit.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
    return sorted[rank]
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func line(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

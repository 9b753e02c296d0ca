import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PASCCore
import PASCDomain
import PASCStore

/// Receptions per second over HTTP (the whole server: authentication, validation, routing,
/// the appointment, one durable transaction) against the raw insert-and-commit loop of the same
/// rows, in the same run, on the same database.
struct ReceptionsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "receptions", abstract: "Receptions/s over HTTP vs a raw insert loop.")

    @Option(help: "A SQLite path or a postgres:// URL of a scratch database (it is written to).") var database: String
    @Option(help: "Receptions per phase.") var count: Int = 2_000
    @Option(help: "HTTP requests in flight.") var concurrency: Int = 16
    @Option(help: "Receiving offices (commune points).") var offices: Int = 10

    func run() async throws {
        let store = try await openSeeded(database)
        let units = try await store.units(UnitFilter(), page: PageRequest(limit: PageRequest.maximumLimit)).items
        let procedure = try ProcedureCode("1.004873")
        var found: [(office: OfficeCode, home: String, token: String)] = []
        for unit in units where unit.level.isCommuneLevel {
            guard let office = unit.homeOfficeCode, !found.contains(where: { $0.office == office }), found.count < offices else { continue }
            found.append((office, unit.code, try await officerToken(store, office: office, index: found.count)))
        }
        let desks = found
        let count = count
        let procedureCode = procedure
        let server = try await InProcessServer.start(store: store)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let next = Counter()
        let started = ContinuousClock.now
        var failures = 0
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var failed = 0
                    while true {
                        let i = next.take()
                        if i >= count { return failed }
                        let desk = desks[i % desks.count]
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/api/v1/offices/\(desk.office)/receptions")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(desk.token)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        let body = """
                            {"procedure":"\(procedureCode)","applicant":{"name":"Nguyễn Văn Đo","idNumber":"074190012345","birthYear":1990,\
                            "homeUnit":"\(desk.home)"},"delivery":{"kind":"office","office":"\(desk.office)"}}
                            """
                        request.body = .bytes(ByteBuffer(string: body))
                        let response = try await client.execute(request, timeout: .seconds(60))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        if response.status != .created { failed += 1 }
                    }
                }
            }
            for try await failed in group { failures += failed }
        }
        let httpSeconds = seconds(since: started)
        try await client.shutdown()
        await server.stop()
        guard failures == 0 else { throw BenchError("\(failures) receptions were not created") }

        // The raw loop writes the same rows, on a day no real reception uses.
        try await store.shutdown()
        let postgres = database.hasPrefix("postgres")
        let raw: any RawConnection = postgres ? try await RawPostgres.open(database) : try await RawSQLite.open(database)
        let applicant =
            #"{"kind":"citizen","name":"Nguyễn Văn Đo","idKind":"citizenID","id":"074190012345","homeUnit":"\#(desks[0].home)"}"#
        let rawStarted = ContinuousClock.now
        for i in 0..<count {
            let desk = desks[i % desks.count]
            try await RawReception(
                office: desk.office.rawValue,
                day: "2099-12-31",
                applicant: applicant,
                delivery: #"{"kind":"office","office":"\#(desk.office)"}"#,
                rule: "Hẹn trả sau 3 ngày làm việc",
                agency: "ubnd.\(desk.home)",
                procedure: procedure.rawValue
            ).insert(raw, index: i, dialectPostgres: postgres)
        }
        let rawSeconds = seconds(since: rawStarted)
        try await raw.close()
        let httpRate = Double(count) / httpSeconds
        let rawRate = Double(count) / rawSeconds
        line("database:            \(postgres ? "PostgreSQL" : "SQLite (WAL, synchronous=FULL)")")
        line("receptions:          \(count) per phase, \(concurrency) HTTP requests in flight over \(desks.count) offices")
        line(String(format: "HTTP receptions/s:   %.0f  (%.2f s)", httpRate, httpSeconds))
        line(String(format: "raw inserts/s:       %.0f  (%.2f s, one connection, one transaction per reception)", rawRate, rawSeconds))
        line(String(format: "ratio HTTP / raw:    %.2f", httpRate / rawRate))
    }
}

/// Hands out 0, 1, 2, … to the concurrent clients.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

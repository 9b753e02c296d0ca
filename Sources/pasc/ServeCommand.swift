import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTransparency

/// `pasc serve`: migrate, seed the demo into an empty database (unless `--no-demo`), serve HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP server (the demo unless --no-demo).")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "Address to listen on (env PASC_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on, 0 for any free port (env PASC_PORT; default 8080).")
    var port: Int?

    @Flag(inversion: .prefixedNo, help: "Run the demo: seed the Binh Duong network into an empty database (env PASC_DEMO; default on).")
    var demo: Bool?

    @Option(help: "Clock: system, fixed:2026-09-15T09:00:00+07:00 or offset:-3d; only in demo mode or with --allow-test-clock.")
    var clock: String?

    @Option(help: "Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (env PASC_TRUSTED_PROXIES).")
    var trustedProxies: String?

    @Flag(help: "Accept --clock outside demo mode (tests).")
    var allowTestClock = false

    func run() async throws {
        try await runReportingErrors {
            var extra: [PASCConfiguration.Key: String] = [:]
            if let host { extra[.host] = host }
            if let port { extra[.port] = String(port) }
            if let demo { extra[.demo] = String(demo) }
            if let clock { extra[.clock] = clock }
            if allowTestClock { extra[.allowTestClock] = "true" }
            if let trustedProxies { extra[.trustedProxies] = trustedProxies }
            let configuration = try options.resolve(extra: extra)
            let clock = try configuration.makeClock()
            let logger = makeLogger(configuration)
            let store = try await openMigratedStore(configuration, logger: logger)
            do {
                // The announced swap days of 2024–2026 are official data, not demo data: every deployment starts with them.
                if try await AnnouncedDaysSeed.seedIfEmpty(store) { printLine("Seeded the announced days off and make-up workdays of 2024–2026.") }
                if configuration.demo { try await seedDemo(store, configuration: configuration) }
                // A database from before the queue (migration 12) gets each office's default service groups and counters.
                let queues = try await store.ensureDefaultQueueSetup()
                if queues > 0 { printLine("Set up the default service groups and counters of \(queues) offices.") }
                // Results ready before PASC kept them (an older database) are counted from their events.
                let finishes = try await PublicStatistics(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock)
                    .backfillFinishes()
                if finishes > 0 { printLine("Recorded the results of \(finishes) older dossiers for public statistics.") }
                // A server never serves proofs from a stored tree its state row disagrees with.
                do {
                    try await TransparencyLog(store: store, clock: clock).checkState()
                } catch let damaged as LogIntegrityError {
                    throw ConfigurationError(
                        "\(damaged); the server will not start on it. Run pasc verify --database to find the damage and restore the database from a backup"
                    )
                }
                let signer = try loadLogKey(configuration)
                let database = DatabaseLocation(configuration.database)
                let mode = configuration.demo ? "demo: Binh Duong 2024 network" : "production"
                let app = try buildApplication(
                    store: store,
                    clock: clock,
                    settings: ServerSettings(
                        host: configuration.host,
                        port: configuration.port,
                        trustedProxies: configuration.trustedProxies,
                        authentication: configuration.authentication,
                        latenessSweepInterval: .seconds(configuration.latenessSweepMinutes * 60),
                        uploadLimitBytes: configuration.uploadLimitMegabytes * 1_048_576,
                        logSigner: signer,
                        checkpointInterval: .seconds(configuration.checkpointSeconds),
                        scoreRules: try loadScoreRules(configuration),
                        limits: configuration.limits,
                        connections: configuration.connections
                    ),
                    logger: logger
                ) { port in
                    printLine("PASC listening on http://\(configuration.host):\(port) (\(mode); \(database))")
                }
                try await app.runService()
            } catch {
                try? await store.shutdown()
                throw error
            }
            try await store.shutdown()
        }
    }
}

/// The Decision 766 score's rules from `scoreRulesFile`, or the standard ones; a bad file stops the
/// start with what is wrong in it.
func loadScoreRules(_ configuration: PASCConfiguration) throws -> NationalScoreRules {
    guard let path = configuration.scoreRulesFile else { return .standard }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ConfigurationError("cannot read the score rules file \(path) (scoreRulesFile / PASC_SCORE_RULES_FILE)")
    }
    do {
        return try NationalScoreRules(json: data)
    } catch {
        throw ConfigurationError("the score rules file \(path): \(error.errors.map(\.messageEn).joined(separator: "; "))")
    }
}

/// The deployment's log key: the configured file, or `log-key` in the data folder, which a demo
/// server creates on first start (a production server is told how to make one instead).
func loadLogKey(_ configuration: PASCConfiguration) throws -> LogSigner {
    let path = configuration.resolvedLogKeyFile
    if configuration.logKeyFile == nil, configuration.demo, !FileManager.default.fileExists(atPath: path) {
        let signer = try LogKeyFile.create(path, origin: LogKeyFile.demoOrigin)
        printLine("Created the public log's signing key \(path) (public key in \(path).pub).")
        return signer
    }
    return try LogKeyFile.load(path)
}

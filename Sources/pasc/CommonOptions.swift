import ArgumentParser
import Foundation
import Logging
import PASCApp
import PASCCore
import PASCStore

/// Options every command that touches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite file path or postgres:// URL (env PASC_DATABASE; default ./pasc-data/pasc.sqlite).")
    var database: String?

    @Option(help: "JSON config file with keys host, port, database, demo, clock, allowTestClock, logLevel (env PASC_CONFIG).")
    var config: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env PASC_LOG_LEVEL).")
    var logLevel: String?

    /// Flags given on the command line, by configuration key.
    var flags: [PASCConfiguration.Key: String] {
        var flags: [PASCConfiguration.Key: String] = [:]
        if let database { flags[.database] = database }
        if let logLevel { flags[.logLevel] = logLevel }
        return flags
    }

    func resolve(extra: [PASCConfiguration.Key: String] = [:]) throws -> PASCConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var fileContents: Data?
        if let path = config ?? environment["PASC_CONFIG"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("cannot read the config file \(path)")
            }
            fileContents = data
        }
        return try PASCConfiguration.resolve(flags: flags.merging(extra) { $1 }, environment: environment, fileContents: fileContents)
    }
}

/// Runs a command body and turns any failure into one clear line on standard error and exit status 1.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("pasc: error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// The process logger; log timestamps are in Asia/Ho_Chi_Minh like every other time PASC shows.
func makeLogger(_ configuration: PASCConfiguration) -> Logger {
    setenv("TZ", "Asia/Ho_Chi_Minh", 1)
    tzset()
    var logger = Logger(label: "pasc")
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    return logger
}

/// Opens the configured database and applies pending migrations, refusing a newer database.
func openMigratedStore(_ configuration: PASCConfiguration, logger: Logger) async throws -> SQLStore {
    let store = try await StoreFactory.open(DatabaseLocation(configuration.database), clock: configuration.makeClock(), logger: logger)
    do {
        let applied = try await store.migrate()
        for name in applied { logger.info("applied migration \(name)") }
    } catch {
        try? await store.shutdown()
        throw error
    }
    return store
}

/// Opens and migrates the configured store, runs `body`, and closes the store whatever happens.
func withMigratedStore<R>(_ configuration: PASCConfiguration, _ body: (SQLStore) async throws -> R) async throws -> R {
    let store = try await openMigratedStore(configuration, logger: makeLogger(configuration))
    do {
        let result = try await body(store)
        try await store.shutdown()
        return result
    } catch {
        try? await store.shutdown()
        throw error
    }
}

/// Prints a line and pushes it out at once, so scripts waiting for "listening" see it while the server runs.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

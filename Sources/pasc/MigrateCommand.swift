import ArgumentParser
import PASCApp
import PASCCore
import PASCStore

/// `pasc migrate`: apply pending migrations and report the schema version.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await runReportingErrors {
            let configuration = try options.resolve()
            let store = try await StoreFactory.open(
                DatabaseLocation(configuration.database),
                clock: configuration.makeClock(),
                logger: makeLogger(configuration)
            )
            let applied = try await store.migrate()
            let versions = try await store.appliedMigrations()
            printLine(applied.isEmpty ? "Database is up to date." : "Applied: \(applied.joined(separator: ", ")).")
            printLine("Schema version \(versions.last ?? 0) on \(DatabaseLocation(configuration.database)).")
            try await store.shutdown()
        }
    }
}

import ArgumentParser
import Foundation
import PASCApp
import PASCCore
import PASCStore

/// `pasc seed --demo` seeds the demo network once; `--office-locations FILE.csv` imports surveyed coordinates.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Seed the demo network, or import office locations from a CSV (code,latitude,longitude)."
    )

    @OptionGroup var options: DatabaseOptions

    @Flag(help: "Seed the Binh Duong demo network into an empty database (never twice).")
    var demo = false

    @Option(help: "CSV with columns code,latitude,longitude: real office coordinates that clear the approximate mark.")
    var officeLocations: String?

    func validate() throws {
        if !demo, officeLocations == nil {
            throw ValidationError("say what to seed: --demo and/or --office-locations FILE.csv")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let configuration = try options.resolve()
            try await withMigratedStore(configuration) { store in
                if demo { try await seedDemo(store, configuration: configuration) }
                if let path = officeLocations {
                    guard let data = FileManager.default.contents(atPath: path) else { throw ConfigurationError("cannot read \(path)") }
                    let count = try await OfficeLocationImport(store: store).run(csv: String(decoding: data, as: UTF8.self))
                    printLine("Imported \(count) office locations from \(path); they are no longer marked approximate.")
                }
            }
        }
    }
}

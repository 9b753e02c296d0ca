import ArgumentParser
import Foundation
import PASCApp
import PASCCore
import PASCStore

/// `pasc demo generate`: a realistic history on the demo network, for the dashboard, the
/// benchmarks and anyone trying PASC out.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demo data beyond the seed.",
        subcommands: [Generate.self]
    )

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate dossier history over the demo network (seeding the network first if the database is empty)."
        )

        @OptionGroup var options: DatabaseOptions
        @Option(help: "How many dossiers.") var dossiers: Int = 10_000
        @Option(help: "Over how many past days (today included).") var days: Int = 90
        @Option(help: "Random seed: the same seed gives the same history.") var seed: UInt64 = 1
        @Option(help: "Dossiers per transaction.") var batch: Int = 1_000

        func validate() throws {
            guard (1...50_000_000).contains(dossiers) else { throw ValidationError("--dossiers must be 1 to 50,000,000") }
            guard (1...3_650).contains(days) else { throw ValidationError("--days must be 1 to 3650") }
            guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be 1 to 100,000") }
        }

        func run() async throws {
            try await runReportingErrors {
                let configuration = try options.resolve()
                let clock = try configuration.makeClock()
                let store = try await openMigratedStore(configuration, logger: makeLogger(configuration))
                do {
                    if try await AnnouncedDaysSeed.seedIfEmpty(store) {
                        printLine("Seeded the announced days off and make-up workdays of 2024–2026.")
                    }
                    if case .seeded = try await Seeder(store: store).seedDemo() { printLine("Seeded the demo network.") }
                    let history = DemoHistory(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock)
                    let bar = ProgressBar(label: "dossiers")
                    let started = Date()
                    let summary = try await history.generate(DemoHistory.Options(dossiers: dossiers, days: days, seed: seed, batch: batch)) {
                        bar.show($0, of: $1)
                    }
                    bar.finish()
                    let seconds = Date().timeIntervalSince(started)
                    printLine(
                        "Generated \(summary.dossiers) dossiers with \(summary.events) events in \(String(format: "%.1f", seconds)) s "
                            + "(\(Int(Double(summary.dossiers) / max(seconds, 0.001)))/s): \(summary.supplements) with a supplement, "
                            + "\(summary.late) late, \(summary.open) still open."
                    )
                } catch {
                    try? await store.shutdown()
                    throw error
                }
                try await store.shutdown()
            }
        }
    }
}

/// A one-line progress bar on standard error, redrawn in place on a terminal and printed every
/// tenth otherwise (logs, CI).
final class ProgressBar: @unchecked Sendable {
    let label: String
    let terminal = isatty(2) != 0
    var lastTenth = -1
    let started = Date()

    init(label: String) { self.label = label }

    func show(_ done: Int, of total: Int) {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let tenth = Int(fraction * 10)
        guard terminal || tenth != lastTenth else { return }
        lastTenth = tenth
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
        let line =
            "[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] "
            + "\(Int(fraction * 100))% \(done)/\(total) \(label), \(Int(rate))/s"
        FileHandle.standardError.write(Data(((terminal ? "\r" : "") + line + (terminal ? "" : "\n")).utf8))
    }

    func finish() {
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

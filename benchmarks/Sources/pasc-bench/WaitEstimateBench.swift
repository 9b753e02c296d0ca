import ArgumentParser
import Foundation
import PASCPlanning

/// The expected wait a ticket is told at issue, against the wait it then has, by hour of issue,
/// over replayed commune days (peaks, the lunch break, lognormal service times, no-shows).
struct WaitEstimateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait-estimate", abstract: "The expected wait's error by hour of day.")

    @Option(help: "Replayed days.") var days: Int = 200
    @Option(help: "Counters open all day.") var counters: Int = 3
    @Flag(help: "Estimate as if there were no lunch break (the estimate before it foresaw breaks).") var blindToBreaks = false

    func run() async throws {
        var settings = QueueDaySimulation.Settings()
        settings.counters = counters
        settings.foreseeBreaks = !blindToBreaks
        let simulation = QueueDaySimulation(settings: settings)
        let outcomes = (0..<days).flatMap { simulation.run(seed: UInt64($0)) }
        let error = WaitEstimateError(outcomes)
        line(
            "replayed days: \(days), counters: \(counters), breaks foreseen: \(!blindToBreaks), tickets: \(outcomes.count), no-shows: \(outcomes.filter(\.noShow).count)"
        )
        line("| hour | tickets | mean wait (min) | mean abs. error (min) | bias (min; < 0: waited longer than told) |")
        line("| --- | --- | --- | --- | --- |")
        for hour in error.hours {
            line(
                "| \(hour.hour):00 | \(hour.tickets) | \(String(format: "%.1f", hour.meanWaitMinutes)) | "
                    + "\(String(format: "%.1f", hour.meanAbsoluteMinutes)) | \(String(format: "%+.1f", hour.biasMinutes)) |"
            )
        }
    }
}

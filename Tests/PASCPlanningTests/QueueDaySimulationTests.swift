import Foundation
import PASCDomain
import Testing

@testable import PASCPlanning

@Suite("Replayed queue days and the expected wait's error")
struct QueueDaySimulationTests {
    @Test func aReplayedDayKeepsToOpeningHoursAndIsTheSameForASeed() {
        let simulation = QueueDaySimulation()
        let day = simulation.run(seed: 7)
        #expect(day.count > 150, "a busy commune day")
        // No ticket in the lunch break or after closing; nobody waits through closing unrecorded.
        #expect(day.allSatisfy { simulation.isOpen($0.issuedAt) })
        #expect(day.contains { $0.noShow } && day.contains { !$0.noShow })
        for outcome in day {
            if let waited = outcome.waitedSeconds { #expect(waited >= 0, "called after it was issued") }
        }
        #expect(simulation.run(seed: 7).map(\.waitedSeconds) == day.map(\.waitedSeconds))
        #expect(simulation.run(seed: 8).map(\.waitedSeconds) != day.map(\.waitedSeconds))
    }

    @Test func theErrorIsReportedByHourOfIssue() {
        let simulation = QueueDaySimulation()
        let outcomes = (0..<20).flatMap { simulation.run(seed: UInt64($0)) }
        let error = WaitEstimateError(outcomes)
        #expect(error.hours.map(\.hour) == [7, 8, 9, 10, 11, 13, 14, 15, 16])
        #expect(error.hours.allSatisfy { $0.tickets > 0 && $0.meanAbsoluteMinutes >= abs($0.biasMinutes) })
        // Tickets of late morning wait through the lunch break.
        let eleven = error.hours.first { $0.hour == 11 }!
        #expect(eleven.meanWaitMinutes > error.hours.first { $0.hour == 7 }!.meanWaitMinutes)
    }

    @Test func foreseeingTheLunchBreakShrinksTheLateMorningError() {
        var settings = QueueDaySimulation.Settings()
        settings.foreseeBreaks = false
        let blind = QueueDaySimulation(settings: settings)
        let seeing = QueueDaySimulation()
        func error(_ simulation: QueueDaySimulation, hour: Int) -> Double {
            WaitEstimateError((0..<20).flatMap { simulation.run(seed: UInt64($0)) }).hours.first { $0.hour == hour }!.meanAbsoluteMinutes
        }
        // Measured: 10h 44 → 23 minutes, 11h 96 → 17 (docs/benchmarks.md, pasc-bench wait-estimate).
        #expect(error(seeing, hour: 10) < 0.6 * error(blind, hour: 10))
        #expect(error(seeing, hour: 11) < error(blind, hour: 11) / 4)
        #expect(error(seeing, hour: 8) == error(blind, hour: 8), "early morning waits never reach the break")
    }

    @Test func lognormalServiceTimesHaveTheirMedian() {
        var rng = SeededRandom(seed: 3)
        let draws = (0..<20_000).map { _ in exp(log(420.0) + 0.55 * rng.normal()) }.sorted()
        #expect(abs(draws[draws.count / 2] - 420) < 15)
    }
}

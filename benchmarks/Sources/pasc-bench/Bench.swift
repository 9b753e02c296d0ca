import ArgumentParser

/// `pasc-bench`: release-build measurements of PASC (see `docs/benchmarks.md`).
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pasc-bench",
        abstract: "PASC benchmarks: receptions over HTTP against a raw insert loop; timeline lookups on a large history.",
        subcommands: [
            ReceptionsBench.self, GenerateBench.self, TimelineBench.self, QueueBench.self, WaitEstimateBench.self, LogAppendBench.self,
            LogProofsBench.self, TrackingBench.self, DashboardBench.self,
        ]
    )
}

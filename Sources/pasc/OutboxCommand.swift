import ArgumentParser
import Foundation
import PASCApp
import PASCCore
import PASCStore

/// `pasc outbox`: deliver what steps wrote to the outbox (portal progress records, applicant
/// notifications) to an HTTP endpoint or a file, in order, at least once.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Deliver the outbox: national portal progress records and applicant notifications.",
        subcommands: [Export.self, Status.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver waiting messages of a channel, oldest first, and mark them delivered."
        )

        @OptionGroup var options: DatabaseOptions
        @Option(help: "portal or notification.") var channel: String = "portal"
        @Option(help: "An http(s) URL to POST each message to.") var to: String?
        @Option(help: "A file to append each message to as one JSON line.") var file: String?

        func run() async throws {
            try await runReportingErrors {
                guard let channel = OutboxChannel(rawValue: channel) else {
                    throw ConfigurationError("--channel must be portal or notification, got '\(channel)'")
                }
                let sender: any OutboxSender
                switch (to, file) {
                case (let url?, nil):
                    guard let endpoint = URL(string: url), ["http", "https"].contains(endpoint.scheme ?? "") else {
                        throw ConfigurationError("--to must be an http(s) URL, got '\(url)'")
                    }
                    sender = HTTPOutboxSender(endpoint: endpoint)
                case (nil, let path?):
                    sender = FileOutboxSender(path: path)
                default:
                    throw ConfigurationError("give exactly one of --to URL or --file PATH")
                }
                let configuration = try options.resolve()
                let store = try await openMigratedStore(configuration, logger: makeLogger(configuration))
                do {
                    let waiting = try await store.outboxCounts(channel).waiting
                    let delivery = OutboxDelivery(store: store, sender: sender, clock: try configuration.makeClock())
                    let count = try await delivery.run(channel) { done in
                        printLine("delivered \(done) of \(waiting) \(channel.rawValue) message(s)")
                    }
                    printLine(count == 0 ? "Nothing to deliver on \(channel.rawValue)." : "Delivered \(count) \(channel.rawValue) message(s).")
                } catch {
                    try? await store.shutdown()
                    throw error
                }
                try await store.shutdown()
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count delivered and waiting messages per channel.")

        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            try await runReportingErrors {
                let configuration = try options.resolve()
                let store = try await openMigratedStore(configuration, logger: makeLogger(configuration))
                for channel in OutboxChannel.allCases {
                    let counts = try await store.outboxCounts(channel)
                    printLine("\(channel.rawValue): \(counts.delivered) delivered, \(counts.waiting) waiting")
                }
                try await store.shutdown()
            }
        }
    }
}

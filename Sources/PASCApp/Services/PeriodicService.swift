import Logging
import ServiceLifecycle

/// Runs a piece of background work now and then every `interval` until the server shuts down.
/// A failing run is logged and retried at the next tick: a database hiccup must not stop the
/// sweep for good, nor take the server down.
struct PeriodicService: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    /// Returns how many things it did, for the log.
    let work: @Sendable () async throws -> Int
    /// Log what was done at debug level only (work that runs every few seconds).
    let quiet: Bool

    init(name: String, every interval: Duration, logger: Logger, quiet: Bool = false, work: @escaping @Sendable () async throws -> Int) {
        self.quiet = quiet
        self.name = name
        self.interval = interval
        self.logger = logger
        self.work = work
    }

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let count = try await work()
                if count > 0 { quiet ? logger.debug("\(name): \(count) done") : logger.info("\(name): \(count) done") }
            } catch is CancellationError {
                return
            } catch {
                logger.error("\(name) failed: \(String(describing: type(of: error)))")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit

/// One `LISTEN` connection of its own, kept until the task running it is cancelled and opened
/// again after a loss (backing off up to 5 s). Notifications sent while it was away are lost: the
/// `connected(false)` call tells the owner so.
struct PostgresListener: Sendable {
    let configuration: SQLPostgresConfiguration
    let logger: Logger
    /// Names the listener in warnings ("queue feed").
    let label: String

    /// `channel` runs on a pooled connection when connecting, for names PostgreSQL computes.
    func run(
        channel: @escaping @Sendable () async throws -> String,
        connected: @escaping @Sendable (Bool) -> Void,
        deliver: @escaping @Sendable (String) -> Void
    ) async {
        var attempt = 0
        while !Task.isCancelled {
            do {
                let name = try await channel()
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.next(),
                    configuration: configuration.coreConfiguration,
                    id: 1,
                    logger: logger
                ).get()
                do {
                    let notifications = try await connection.listen(name)
                    attempt = 0
                    connected(true)
                    try await withTaskCancellationHandler {
                        for try await notification in notifications { deliver(notification.payload) }
                    } onCancel: {
                        _ = connection.close() as EventLoopFuture<Void>
                    }
                } catch {
                    // A connection is closed before it goes away, whatever ended the listening.
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
                connected(false)
                // The stream ended without an error (the server closed it): wait a little all the same.
                attempt += 1
                try? await Task.sleep(for: .milliseconds(min(5000, 200 * attempt)))
            } catch {
                connected(false)
                if Task.isCancelled { break }
                attempt += 1
                logger.warning("\(label): LISTEN lost (\(String(describing: type(of: error)))); retrying")
                try? await Task.sleep(for: .milliseconds(min(5000, 200 * attempt)))
            }
        }
    }
}

import Foundation
import Logging

/// Every log line of a test, at trace level, kept in memory so the test can scan it for secrets
/// and personal data.
public final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    /// A logger at trace level whose lines (message and metadata) land here.
    public func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label) { label in LineLogHandler(label: label) { [weak self] line in self?.append(line) } }
        logger.logLevel = .trace
        return logger
    }

    public var text: String { lock.withLock { lines.joined(separator: "\n") } }
    public var count: Int { lock.withLock { lines.count } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }
}

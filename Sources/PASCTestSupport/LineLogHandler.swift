import Logging

/// A trace-level log handler that turns each event into one line (level, label, message,
/// metadata) and hands it to `write`: what both log captures of the tests need.
struct LineLogHandler: LogHandler {
    let label: String
    let write: @Sendable (String) -> Void
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        write("\(event.level) \(label): \(event.message) \(merged) \(event.source)")
    }
}

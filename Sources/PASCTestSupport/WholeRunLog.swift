import Foundation
import Logging

/// The log of a whole test run, for the check that no personal value, password, token or secret
/// ever reaches a log line.
///
/// When `PASC_TEST_LOG_FILE` is set, every logger of the test process (the server's, the stores',
/// the drivers') writes at trace level to that file, and the values tests call sensitive are
/// written to the same path with `.sensitive` appended. `.ci/run` compares the two after the run.
/// Without the variable nothing changes.
public enum WholeRunLog {
    static let path = ProcessInfo.processInfo.environment["PASC_TEST_LOG_FILE"].flatMap { $0.isEmpty ? nil : $0 }

    /// Installs the file handler once, before the first logger of the run is made.
    public static let bootstrapped: Bool = {
        guard let path else { return false }
        let sink = FileSink(path: path)
        LoggingSystem.bootstrap { label in LineLogHandler(label: label) { sink.write($0) } }
        return true
    }()

    /// A trace-level logger for a test server when the run is captured; nil otherwise (the framework's default).
    public static func serverLogger(label: String = "pasc") -> Logger? {
        guard bootstrapped else { return nil }
        var logger = Logger(label: label)
        logger.logLevel = .trace
        return logger
    }

    private static let sensitiveSink: FileSink? = path.map { FileSink(path: $0 + ".sensitive") }

    /// Declares values that must appear in no log line of the run (one per line in the list).
    public static func sensitive(_ values: [String]) {
        guard let sink = sensitiveSink else { return }
        for value in values where !value.isEmpty && !value.contains("\n") { sink.write(value) }
    }

    final class FileSink: @unchecked Sendable {
        private let lock = NSLock()
        private let handle: FileHandle?

        init(path: String) {
            FileManager.default.createFile(atPath: path, contents: nil)
            handle = FileHandle(forWritingAtPath: path)
        }

        func write(_ line: String) {
            lock.withLock {
                // Always at the end, whatever else wrote to the file meanwhile.
                handle?.seekToEndOfFile()
                handle?.write(Data((line + "\n").utf8))
            }
        }
    }
}

import Foundation
import PASCCore

/// The settings of one `pasc` process, resolved from flags, then `PASC_…` environment variables,
/// then an optional JSON config file, then defaults that run the demo.
public struct PASCConfiguration: Equatable, Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// A SQLite path or a `postgres://` URL.
    public var database: String = "./pasc-data/pasc.sqlite"
    /// Seed the Binh Duong demo network into an empty database and allow demo-only settings.
    public var demo: Bool = true
    /// `system`, `fixed:<ISO time>` or `offset:<±N><unit>`; other than `system` only in demo mode or with `allowTestClock`.
    public var clock: String = "system"
    public var allowTestClock: Bool = false
    public var logLevel: String = "info"
    /// Proxy addresses whose `X-Forwarded-For` is believed; none by default.
    public var trustedProxies: Set<String> = []
    /// Session and sign-in limits.
    public var authentication = AuthenticationSettings()
    /// How often the lateness sweep looks for dossiers due by the next working day.
    public var latenessSweepMinutes: Int = 10
    /// The largest scan accepted, in MB (1 MB = 1,048,576 bytes).
    public var uploadLimitMegabytes: Int = 20
    /// The log's signing key; nil means `log-key` in the data folder (created there by a demo server).
    public var logKeyFile: String?
    /// How often a new checkpoint is signed when the log has grown.
    public var checkpointSeconds: Int = 5
    /// A JSON file with the Decision 766 score's items and thresholds (see docs/dashboard.md); the
    /// standard ones without it.
    public var scoreRulesFile: String?
    /// What anonymous callers may ask: submissions, tickets, uploads, searches (docs/security.md).
    public var limits = RequestLimits()
    /// Slow and idle clients, header sizes, connections at once (docs/security.md).
    public var connections = ConnectionLimits()

    public init() {}

    /// The keys, as flag names (`--log-level`), environment variables (`PASC_LOG_LEVEL`) and config-file keys (`logLevel`).
    public enum Key: String, CaseIterable, Sendable {
        case host, port, database, demo, clock, allowTestClock, logLevel
        case trustedProxies, sessionIdleMinutes, sessionMaxHours, loginFailuresPerAccount, loginFailuresPerAddress, loginWindowMinutes
        case latenessSweepMinutes, uploadLimitMegabytes, logKeyFile, checkpointSeconds, scoreRulesFile
        case limitSubmissionsPerAddressPerHour, limitSubmissionsPerApplicantPerDay, limitSubmissionFileMegabytes, limitSubmissionMegabytes
        case limitSubmissionFiles, limitOnlineTicketsPerPersonPerDay, limitOnlineTicketsPerAddressPerDay, limitOnlineTicketsPerOfficePerDay
        case limitKioskTicketsPerAddressPerDay, limitSearchCharacters, limitSearchWords
        case headerTimeoutSeconds, idleTimeoutSeconds, bodyTimeoutSeconds, maximumHeaderKilobytes, maximumConnections

        public var environmentName: String {
            "PASC_"
                + rawValue.reduce(into: "") { result, c in
                    if c.isUppercase { result += "_" }
                    result += c.uppercased()
                }
        }
    }

    /// Resolves the layers, highest first: flags, environment, file, defaults.
    ///
    /// - Parameters:
    ///   - flags: values given on the command line (absent keys were not given).
    ///   - environment: the process environment.
    ///   - fileContents: the JSON config file (`PASC_CONFIG` or `--config`), if any.
    public static func resolve(flags: [Key: String], environment: [String: String], fileContents: Data?) throws -> PASCConfiguration {
        var file: [String: String] = [:]
        if let fileContents {
            guard let object = try? JSONSerialization.jsonObject(with: fileContents) as? [String: Any] else {
                throw ConfigurationError("the config file is not a JSON object such as {\"port\": 8080}")
            }
            for (key, value) in object {
                guard Key(rawValue: key) != nil else {
                    throw ConfigurationError(
                        "the config file has an unknown key '\(key)'; known keys: \(Key.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                file[key] = "\(value)"
            }
        }
        func value(_ key: Key) -> (String, String)? {
            if let v = flags[key] { return (v, "--\(key.rawValue)") }
            if let v = environment[key.environmentName], !v.isEmpty { return (v, key.environmentName) }
            if let v = file[key.rawValue] { return (v, "config file key \(key.rawValue)") }
            return nil
        }
        var config = PASCConfiguration()
        if let (v, _) = value(.host) { config.host = v }
        if let (v, origin) = value(.port) {
            guard let port = Int(v), (0...65535).contains(port) else {
                throw ConfigurationError("\(origin): port must be a number from 0 to 65535, got '\(v)'")
            }
            config.port = port
        }
        if let (v, _) = value(.database) { config.database = v }
        if let (v, origin) = value(.demo) { config.demo = try parseBool(v, origin) }
        if let (v, _) = value(.clock) { config.clock = v }
        if let (v, origin) = value(.allowTestClock) { config.allowTestClock = try parseBool(v, origin) }
        if let (v, origin) = value(.logLevel) {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(v) else {
                throw ConfigurationError("\(origin): log level must be one of \(levels.joined(separator: ", ")), got '\(v)'")
            }
            config.logLevel = v
        }
        if let (v, _) = value(.trustedProxies) {
            config.trustedProxies = Set(v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        func positive(_ key: Key, _ range: ClosedRange<Int>) throws -> Int? {
            guard let (v, origin) = value(key) else { return nil }
            guard let n = Int(v), range.contains(n) else {
                throw ConfigurationError("\(origin) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(v)'")
            }
            return n
        }
        if let n = try positive(.sessionIdleMinutes, 1...1440) { config.authentication.idleTimeoutSeconds = n * 60 }
        if let n = try positive(.sessionMaxHours, 1...168) { config.authentication.absoluteTimeoutSeconds = n * 3600 }
        if let n = try positive(.loginFailuresPerAccount, 1...1000) { config.authentication.failuresPerAccount = n }
        if let n = try positive(.loginFailuresPerAddress, 1...100_000) { config.authentication.failuresPerAddress = n }
        if let n = try positive(.loginWindowMinutes, 1...1440) { config.authentication.failureWindowSeconds = n * 60 }
        if let n = try positive(.latenessSweepMinutes, 1...1440) { config.latenessSweepMinutes = n }
        if let n = try positive(.uploadLimitMegabytes, 1...200) { config.uploadLimitMegabytes = n }
        if let n = try positive(.checkpointSeconds, 1...3600) { config.checkpointSeconds = n }
        if let n = try positive(.limitSubmissionsPerAddressPerHour, 1...100_000) { config.limits.submissionsPerAddressPerHour = n }
        if let n = try positive(.limitSubmissionsPerApplicantPerDay, 1...10_000) { config.limits.submissionsPerApplicantPerDay = n }
        if let n = try positive(.limitSubmissionFileMegabytes, 1...200) { config.limits.submissionFileBytes = n * 1_048_576 }
        if let n = try positive(.limitSubmissionMegabytes, 1...1_000) { config.limits.submissionBytes = n * 1_048_576 }
        if let n = try positive(.limitSubmissionFiles, 1...100) { config.limits.submissionFiles = n }
        if let n = try positive(.limitOnlineTicketsPerPersonPerDay, 1...100) { config.limits.onlineTicketsPerPersonPerDay = n }
        if let n = try positive(.limitOnlineTicketsPerAddressPerDay, 1...100_000) { config.limits.onlineTicketsPerAddressPerDay = n }
        if let n = try positive(.limitOnlineTicketsPerOfficePerDay, 1...1_000_000) { config.limits.onlineTicketsPerOfficePerDay = n }
        if let n = try positive(.limitKioskTicketsPerAddressPerDay, 1...1_000_000) { config.limits.kioskTicketsPerAddressPerDay = n }
        if let n = try positive(.limitSearchCharacters, 10...10_000) { config.limits.searchCharacters = n }
        if let n = try positive(.limitSearchWords, 1...200) { config.limits.searchWords = n }
        if let n = try positive(.headerTimeoutSeconds, 1...600) { config.connections.headerTimeoutSeconds = n }
        if let n = try positive(.idleTimeoutSeconds, 1...3600) { config.connections.idleTimeoutSeconds = n }
        if let n = try positive(.bodyTimeoutSeconds, 1...3600) { config.connections.bodyTimeoutSeconds = n }
        if let n = try positive(.maximumHeaderKilobytes, 1...1024) { config.connections.maximumHeaderBytes = n * 1024 }
        if let n = try positive(.maximumConnections, 1...1_000_000) { config.connections.maximumConnections = n }
        if let (v, _) = value(.logKeyFile) { config.logKeyFile = v }
        if let (v, _) = value(.scoreRulesFile) { config.scoreRulesFile = v }
        return config
    }

    private static func parseBool(_ text: String, _ origin: String) throws -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError("\(origin) must be true or false, got '\(text)'")
        }
    }

    /// The data folder: the SQLite file's folder, or `./pasc-data` beside a PostgreSQL database.
    public var dataFolder: String {
        database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")
            ? "./pasc-data" : (database as NSString).deletingLastPathComponent.isEmpty ? "." : (database as NSString).deletingLastPathComponent
    }

    /// Where the log key is: as configured, or `log-key` in the data folder.
    public var resolvedLogKeyFile: String { logKeyFile ?? (dataFolder as NSString).appendingPathComponent("log-key") }

    /// The clock this configuration asks for, refusing a test clock outside the demo unless explicitly allowed.
    public func makeClock() throws -> any Clock {
        if clock != "system", !demo, !allowTestClock {
            throw ConfigurationError(
                "--clock \(clock) is only accepted in demo mode or with --allow-test-clock; a production server runs on the system clock"
            )
        }
        return try ClockSpecification.parse(clock)
    }
}

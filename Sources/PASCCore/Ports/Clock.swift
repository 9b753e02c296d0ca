import Foundation

/// Where "now" comes from. Injected everywhere so rules are testable at any hour without waiting.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock stopped at one instant (tests, `--clock fixed:…` demos).
public struct FixedClock: Clock {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}

/// The machine's clock shifted by a constant (`--clock offset:-3d`).
public struct OffsetClock: Clock {
    public let offset: TimeInterval
    public init(offset: TimeInterval) { self.offset = offset }
    public func now() -> Date { Date().addingTimeInterval(offset) }
}

/// Parses the `--clock` setting: `system`, `fixed:<ISO 8601 time>` or `offset:<±N><s|m|h|d>`.
public enum ClockSpecification {
    public static func parse(_ text: String) throws -> any Clock {
        if text == "system" { return SystemClock() }
        if text.hasPrefix("fixed:") {
            let value = String(text.dropFirst("fixed:".count))
            guard let date = VietnamTime.parseInstant(value) else {
                throw ConfigurationError("--clock fixed: needs an ISO 8601 time such as 2026-09-15T09:00:00+07:00, got '\(value)'")
            }
            return FixedClock(date)
        }
        if text.hasPrefix("offset:") {
            let value = String(text.dropFirst("offset:".count))
            // A finite amount within a century either way: enough for any demo, and no date arithmetic overflows.
            guard let unit = value.last, let amount = Double(value.dropLast()), amount.isFinite, abs(amount) <= 36_500 * 86_400 else {
                throw ConfigurationError("--clock offset: needs a signed amount and a unit s, m, h or d, such as -3d; got '\(value)'")
            }
            let seconds: Double
            switch unit {
            case "s": seconds = amount
            case "m": seconds = amount * 60
            case "h": seconds = amount * 3600
            case "d": seconds = amount * 86400
            default: throw ConfigurationError("--clock offset: unit must be s, m, h or d; got '\(unit)'")
            }
            guard abs(seconds) <= 36_500 * 86_400 else {
                throw ConfigurationError("--clock offset: must be within 100 years either way; got '\(value)'")
            }
            return OffsetClock(offset: seconds)
        }
        throw ConfigurationError("--clock must be 'system', 'fixed:<ISO 8601 time>' or 'offset:<±N><s|m|h|d>'; got '\(text)'")
    }
}

/// A configuration value that cannot be used; the command line prints it as one line.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

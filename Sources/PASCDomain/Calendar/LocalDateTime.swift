/// A wall-clock moment in Viet Nam to the minute: what deadlines are counted in.
///
/// Viet Nam keeps one offset all year (UTC+7, no daylight saving), so local moments order and
/// subtract like instants; converting from and to `Date` is the adapters' job (`VietnamTime`).
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    /// Minutes after midnight, 0 ..< 1440.
    public let minuteOfDay: Int

    public init(date: LocalDate, minuteOfDay: Int) {
        precondition((0..<1440).contains(minuteOfDay), "minute of day out of range")
        self.date = date
        self.minuteOfDay = minuteOfDay
    }

    public init(date: LocalDate, time: TimeOfDay) {
        self.init(date: date, minuteOfDay: time.minutes)
    }

    public var time: TimeOfDay { try! TimeOfDay(hour: minuteOfDay / 60, minute: minuteOfDay % 60) }

    /// Minutes since 1970-01-01 00:00 local time.
    public var minuteNumber: Int { date.dayNumber * 1440 + minuteOfDay }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.minuteNumber < rhs.minuteNumber }

    /// `2026-09-15T09:30`.
    public var description: String { "\(date)T\(time)" }

    /// Reads the form ``description`` writes; nil for anything else.
    public init?(iso text: String) {
        let parts = text.split(separator: "T").map(String.init)
        guard parts.count == 2, let date = try? LocalDate(iso: parts[0]), let time = try? TimeOfDay(parsing: parts[1]) else { return nil }
        self.init(date: date, time: time)
    }
}

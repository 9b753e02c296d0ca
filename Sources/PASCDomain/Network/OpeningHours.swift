import Foundation

/// A time of day in minutes after midnight, local time (Asia/Ho_Chi_Minh).
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minutes: Int

    public init(hour: Int, minute: Int) throws(ValidationError) {
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw ValidationError(
                field: "time",
                message: "Giờ không hợp lệ: \(hour):\(minute) (cần HH:MM từ 00:00 đến 23:59).",
                messageEn: "Invalid time \(hour):\(minute) (expected HH:MM from 00:00 to 23:59)."
            )
        }
        minutes = hour * 60 + minute
    }

    /// Parses `HH:MM`.
    public init(parsing text: String) throws(ValidationError) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else {
            throw ValidationError(
                field: "time",
                message: "Giờ '\(text)' phải có dạng HH:MM.",
                messageEn: "Time '\(text)' must be HH:MM."
            )
        }
        try self.init(hour: h, minute: m)
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }
    public var description: String {
        let h = hour < 10 ? "0\(hour)" : "\(hour)"
        let m = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(h):\(m)"
    }
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

/// Days of the week in the order Vietnamese offices print them (Monday first).
public enum Weekday: String, CaseIterable, Codable, Sendable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// Foundation's `Calendar` numbering (Sunday = 1).
    public var gregorianNumber: Int {
        switch self {
        case .sun: 1
        case .mon: 2
        case .tue: 3
        case .wed: 4
        case .thu: 5
        case .fri: 6
        case .sat: 7
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One opening session, such as the morning 07:00–11:30.
public struct OpeningSession: Hashable, Sendable, Codable {
    public let opens: TimeOfDay
    public let closes: TimeOfDay

    public init(opens: TimeOfDay, closes: TimeOfDay) throws(ValidationError) {
        guard opens < closes else {
            throw ValidationError(
                field: "openingHours",
                message: "Giờ mở cửa \(opens) phải trước giờ đóng cửa \(closes).",
                messageEn: "Opening time \(opens) must be before closing time \(closes)."
            )
        }
        self.opens = opens
        self.closes = closes
    }
}

/// Weekly opening hours: sessions per weekday, Saturday morning included where the office opens then.
///
/// Kept as a compact text in data files, `mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30`, so an
/// administrator can read and edit it in a spreadsheet.
public struct OpeningHours: Hashable, Sendable {
    public private(set) var sessions: [Weekday: [OpeningSession]]

    public init(sessions: [Weekday: [OpeningSession]]) throws(ValidationError) {
        for (day, list) in sessions {
            let sorted = list.sorted { $0.opens < $1.opens }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.opens < a.closes {
                throw ValidationError(
                    field: "openingHours",
                    message: "Các buổi làm việc ngày \(day.rawValue) chồng lên nhau.",
                    messageEn: "Sessions on \(day.rawValue) overlap."
                )
            }
        }
        self.sessions = sessions.mapValues { $0.sorted { $0.opens < $1.opens } }.filter { !$0.value.isEmpty }
    }

    /// Monday to Friday 07:00–11:30 and 13:30–17:00, the usual civil-service hours.
    public static let standardWeekdays: OpeningHours = try! OpeningHours(parsing: "mon-fri 07:00-11:30,13:30-17:00")

    /// Parses `mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30`.
    public init(parsing text: String) throws(ValidationError) {
        var result: [Weekday: [OpeningSession]] = [:]
        for group in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !group.isEmpty {
            let parts = group.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw OpeningHours.syntaxError(text) }
            let days = try OpeningHours.parseDays(parts[0], whole: text)
            var sessions: [OpeningSession] = []
            for range in parts[1].split(separator: ",") {
                let bounds = range.trimmingCharacters(in: .whitespaces).split(separator: "-").map(String.init)
                guard bounds.count == 2 else { throw OpeningHours.syntaxError(text) }
                sessions.append(try OpeningSession(opens: TimeOfDay(parsing: bounds[0]), closes: TimeOfDay(parsing: bounds[1])))
            }
            for day in days { result[day, default: []].append(contentsOf: sessions) }
        }
        try self.init(sessions: result)
    }

    private static func parseDays(_ text: String, whole: String) throws(ValidationError) -> [Weekday] {
        var days: [Weekday] = []
        for item in text.split(separator: ",") {
            let ends = item.split(separator: "-").map(String.init)
            guard let first = ends.first.flatMap(Weekday.init(rawValue:)) else { throw syntaxError(whole) }
            if ends.count == 1 {
                days.append(first)
            } else if ends.count == 2, let last = Weekday(rawValue: ends[1]), first <= last {
                days.append(contentsOf: Weekday.allCases.filter { $0 >= first && $0 <= last })
            } else {
                throw syntaxError(whole)
            }
        }
        return days
    }

    private static func syntaxError(_ text: String) -> ValidationError {
        ValidationError(
            field: "openingHours",
            message: "Giờ làm việc '\(text)' không đúng cú pháp; ví dụ: 'mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30'.",
            messageEn: "Opening hours '\(text)' are not valid; example: 'mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30'."
        )
    }

    /// The compact text form, days with equal sessions grouped into ranges.
    public var specification: String {
        var groups: [(days: [Weekday], sessions: [OpeningSession])] = []
        for day in Weekday.allCases {
            guard let list = sessions[day] else { continue }
            if let last = groups.last, last.sessions == list, let lastDay = last.days.last,
                Weekday.allCases.firstIndex(of: lastDay)! + 1 == Weekday.allCases.firstIndex(of: day)!
            {
                groups[groups.count - 1].days.append(day)
            } else {
                groups.append(([day], list))
            }
        }
        return groups.map { group in
            let days = group.days.count == 1 ? group.days[0].rawValue : "\(group.days.first!.rawValue)-\(group.days.last!.rawValue)"
            return days + " " + group.sessions.map { "\($0.opens)-\($0.closes)" }.joined(separator: ",")
        }.joined(separator: "; ")
    }

    /// Whether the office is open at this weekday and time.
    public func isOpen(on day: Weekday, at time: TimeOfDay) -> Bool {
        sessions[day]?.contains { $0.opens <= time && time < $0.closes } ?? false
    }
}

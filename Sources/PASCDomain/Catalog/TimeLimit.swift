import Foundation

/// The legal time limit of a procedure, with its unit.
///
/// Most limits are working days, but some procedures count in working hours, a few in calendar
/// days, and same-day procedures switch to the next working day after a cut-off (often 15:00).
public enum TimeLimit: Hashable, Sendable {
    case workingDays(Int)
    case workingHours(Int)
    case calendarDays(Int)
    /// Due the day of reception, or the next working day when received after `cutoff`.
    case sameDay(cutoff: TimeOfDay?)

    /// The unit's name as stored and served (`workingDays`, `workingHours`, `calendarDays`, `sameDay`).
    public var unit: String {
        switch self {
        case .workingDays: "workingDays"
        case .workingHours: "workingHours"
        case .calendarDays: "calendarDays"
        case .sameDay: "sameDay"
        }
    }

    /// The number of units (0 for same-day).
    public var value: Int {
        switch self {
        case .workingDays(let n), .workingHours(let n), .calendarDays(let n): n
        case .sameDay: 0
        }
    }

    public var cutoff: TimeOfDay? {
        if case .sameDay(let cutoff) = self { return cutoff }
        return nil
    }

    /// Builds a limit from its stored columns, refusing units and values that do not fit together.
    public init(unit: String, value: Int, cutoff: TimeOfDay?) throws(ValidationError) {
        guard value >= 0, value <= 365 else {
            throw ValidationError(
                field: "timeLimitValue",
                message: "Thời hạn phải từ 0 đến 365, nhận được \(value).",
                messageEn: "timeLimitValue must be from 0 to 365, got \(value)."
            )
        }
        switch unit {
        case "workingDays": self = .workingDays(value)
        case "workingHours": self = .workingHours(value)
        case "calendarDays": self = .calendarDays(value)
        case "sameDay":
            guard value == 0 else {
                throw ValidationError(
                    field: "timeLimitValue",
                    message: "Thủ tục trong ngày có thời hạn 0.",
                    messageEn: "A same-day procedure has a time limit value of 0."
                )
            }
            self = .sameDay(cutoff: cutoff)
        default:
            throw ValidationError(
                field: "timeLimitUnit",
                message: "Đơn vị thời hạn '\(unit)' không hợp lệ; dùng workingDays, workingHours, calendarDays hoặc sameDay.",
                messageEn: "Unknown time limit unit '\(unit)'; use workingDays, workingHours, calendarDays or sameDay."
            )
        }
        if cutoff != nil, unit != "sameDay" {
            throw ValidationError(
                field: "sameDayCutoff",
                message: "Giờ chốt chỉ áp dụng cho thủ tục trong ngày.",
                messageEn: "A cut-off applies to same-day procedures only."
            )
        }
    }
}

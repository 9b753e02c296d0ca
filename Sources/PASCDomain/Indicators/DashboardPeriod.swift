import PASCDomain

/// The days a dashboard covers, `from ..< to`: a day, the Monday-to-Sunday week, a month, a
/// quarter or a year around an anchor date, or a custom range of whole days.
public struct DashboardPeriod: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case day, week, month, quarter, year, custom
    }

    /// A custom range covers at most this many days (three years).
    public static let maximumDays = 1096

    public let kind: Kind
    public let from: LocalDate
    /// The day after the last one.
    public let to: LocalDate

    public var lastDay: LocalDate { to.adding(days: -1) }
    public var days: Int { to.dayNumber - from.dayNumber }

    /// The period of `kind` that holds `anchor`.
    public init(_ kind: Kind, containing anchor: LocalDate) {
        self.kind = kind
        switch kind {
        case .day, .custom:
            from = anchor
            to = anchor.adding(days: 1)
        case .week:
            let offset = (anchor.weekday.gregorianNumber + 5) % 7  // Monday = 0
            from = anchor.adding(days: -offset)
            to = from.adding(days: 7)
        case .month:
            from = anchor.firstOfMonth
            to = anchor.firstOfNextMonth
        case .quarter:
            from = anchor.firstOfMonth.addingMonths(-((anchor.month - 1) % 3))
            to = from.addingMonths(3)
        case .year:
            from = anchor.firstOfMonth.addingMonths(-(anchor.month - 1))
            to = from.addingMonths(12)
        }
    }

    /// A custom range of whole days, `first` through `last`; refused naming the parameter when it
    /// ends before it starts or is longer than ``maximumDays``.
    public init(first: LocalDate, last: LocalDate) throws(ValidationErrors) {
        guard first <= last else {
            throw ValidationErrors([
                ValidationError(
                    field: "to",
                    message: "Ngày kết thúc \(last.vietnameseText) trước ngày bắt đầu \(first.vietnameseText).",
                    messageEn: "The end date \(last) is before the start date \(first)."
                )
            ])
        }
        let days = last.dayNumber - first.dayNumber + 1
        guard days <= Self.maximumDays else {
            throw ValidationErrors([
                ValidationError(
                    field: "to",
                    message: "Khoảng \(days) ngày dài quá \(Self.maximumDays) ngày cho phép.",
                    messageEn: "The range of \(days) days is longer than the \(Self.maximumDays) allowed."
                )
            ])
        }
        kind = .custom
        from = first
        to = last.adding(days: 1)
    }

    /// Days for a period up to two months, months beyond.
    public var seriesGrain: SeriesGrain { days <= 62 ? .day : .month }
}

public enum SeriesGrain: String, Sendable, Codable {
    case day, month
}

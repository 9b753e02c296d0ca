/// Working days and working time for counting legal deadlines.
///
/// A working day is Monday to Friday, not a public holiday by rule (``HolidayRules``) and not an
/// announced day off; an announced workday (a make-up Saturday) is one. Where the announced data
/// and the rules differ, the data wins. Working time is the office hours of a working day
/// (default 07:00–11:30 and 13:30–17:00, 8 hours).
public struct WorkingCalendar: Sendable {
    /// The sessions of every working day, in order.
    public let sessions: [OpeningSession]
    private let announced: [LocalDate: AnnouncedDay]
    /// Rule holidays of the precomputed years, by day number.
    private let ruleHolidays: [Int: Holiday]
    private let precomputedYears: ClosedRange<Int>

    public static let standardSessions: [OpeningSession] = [
        try! OpeningSession(opens: TimeOfDay(hour: 7, minute: 0), closes: TimeOfDay(hour: 11, minute: 30)),
        try! OpeningSession(opens: TimeOfDay(hour: 13, minute: 30), closes: TimeOfDay(hour: 17, minute: 0)),
    ]

    /// - Parameters:
    ///   - announced: days off and make-up workdays announced for their year.
    ///   - years: years whose rule holidays are computed up front; others are computed when asked.
    public init(announced: [AnnouncedDay] = [], sessions: [OpeningSession] = WorkingCalendar.standardSessions, years: ClosedRange<Int> = 2015...2045)
    {
        self.sessions = sessions.sorted { $0.opens < $1.opens }
        self.announced = Dictionary(announced.map { ($0.date, $0) }, uniquingKeysWith: { _, last in last })
        var holidays: [Int: Holiday] = [:]
        for year in years {
            for holiday in HolidayRules.holidays(in: year) { holidays[holiday.date.dayNumber] = holiday }
        }
        ruleHolidays = holidays
        precomputedYears = years
    }

    // MARK: Days

    /// The holiday that makes `date` a day off (rule or announcement), if any.
    public func holiday(on date: LocalDate) -> Holiday? {
        if let day = announced[date] {
            return day.kind == .dayOff ? Holiday(date: date, name: day.name, nameEn: day.nameEn, kind: .announced) : nil
        }
        if precomputedYears.contains(date.year) { return ruleHolidays[date.dayNumber] }
        return HolidayRules.holidays(in: date.year).first { $0.date == date }
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if let day = announced[date] { return day.kind == .workday }
        return !date.isWeekend && holiday(on: date) == nil
    }

    /// `date` when it is a working day, else the next one.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    public func nextWorkingDay(after date: LocalDate) -> LocalDate { workingDay(onOrAfter: date.adding(days: 1)) }

    /// The last working day before `date` (the "D − 1" of lateness alerts and apology letters).
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var day = date.adding(days: -1)
        while !isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// The end of a working day's last session (17:00 with the standard hours).
    public func closing(of date: LocalDate) -> LocalDateTime { LocalDateTime(date: date, time: sessions[sessions.count - 1].closes) }

    /// The `n`-th working day after `date`; `date` itself is not counted (Civil Code 2015 Art. 147).
    /// With `n` = 0, `date` if it is a working day, else the next one.
    public func adding(workingDays n: Int, after date: LocalDate) -> LocalDate {
        precondition(n >= 0, "a time limit is not negative")
        guard n > 0 else { return workingDay(onOrAfter: date) }
        var day = date
        var counted = 0
        while counted < n {
            day = day.adding(days: 1)
            if isWorkingDay(day) { counted += 1 }
        }
        return day
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not after `start`).
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Int {
        guard start < end else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// Every day off in a year that falls on a weekday or is a holiday, with its reason (for pages and checks).
    public func daysOff(in year: Int) -> [Holiday] {
        var day = try! LocalDate(year: year, month: 1, day: 1)
        var result: [Holiday] = []
        while day.year == year {
            if let holiday = holiday(on: day), !isWorkingDay(day) { result.append(holiday) }
            day = day.adding(days: 1)
        }
        return result
    }

    // MARK: Working time

    /// Minutes of working time in one working day (480 with the standard hours).
    public var minutesPerWorkingDay: Int { sessions.reduce(0) { $0 + $1.closes.minutes - $1.opens.minutes } }

    /// `moment` when it is within working time, else the start of the next working session.
    public func nextWorkingMoment(from moment: LocalDateTime) -> LocalDateTime {
        if isWorkingDay(moment.date) {
            for session in sessions where moment.minuteOfDay < session.closes.minutes {
                return moment.minuteOfDay >= session.opens.minutes
                    ? moment : LocalDateTime(date: moment.date, time: session.opens)
            }
        }
        return LocalDateTime(date: nextWorkingDay(after: moment.date), time: sessions[0].opens)
    }

    public func isWorkingTime(_ moment: LocalDateTime) -> Bool { nextWorkingMoment(from: moment) == moment }

    /// The moment `minutes` of working time after `moment` (counting from the next working time).
    public func adding(workingMinutes minutes: Int, to moment: LocalDateTime) -> LocalDateTime {
        precondition(minutes >= 0, "working time is not negative")
        var current = nextWorkingMoment(from: moment)
        var left = minutes
        while true {
            let session = sessions.first { current.minuteOfDay >= $0.opens.minutes && current.minuteOfDay < $0.closes.minutes }!
            let available = session.closes.minutes - current.minuteOfDay
            if left <= available { return LocalDateTime(date: current.date, minuteOfDay: current.minuteOfDay + left) }
            left -= available
            // Continue at the next session; landing exactly on a closing time is fine above.
            current = nextWorkingMoment(from: LocalDateTime(date: current.date, minuteOfDay: session.closes.minutes))
        }
    }

    /// Working minutes between two moments (0 when `end` is not after `start`): the time a clock
    /// pause takes out of a deadline.
    public func workingMinutes(from start: LocalDateTime, to end: LocalDateTime) -> Int {
        guard start < end else { return 0 }
        var total = 0
        var day = start.date
        while day <= end.date {
            if isWorkingDay(day) {
                for session in sessions {
                    let from = max(session.opens.minutes, day == start.date ? start.minuteOfDay : 0)
                    let to = min(session.closes.minutes, day == end.date ? end.minuteOfDay : 1440)
                    if to > from { total += to - from }
                }
            }
            day = day.adding(days: 1)
        }
        return total
    }
}

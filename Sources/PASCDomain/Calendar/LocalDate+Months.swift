/// Month arithmetic for periods (the dashboard's months, quarters and years).
extension LocalDate {
    public var firstOfMonth: LocalDate { LocalDate(dayNumber: dayNumber - (day - 1)) }

    public var firstOfNextMonth: LocalDate { firstOfMonth.adding(days: LocalDate.daysIn(month: month, year: year)) }

    /// `YYYY-MM`.
    public var monthText: String { String(description.prefix(7)) }

    /// The first day `months` months on (negative: back).
    public func addingMonths(_ months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        return LocalDate(dayNumber: LocalDate.dayNumber(year: index / 12, month: index % 12 + 1, day: 1))
    }
}

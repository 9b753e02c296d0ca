/// When an office hands out tickets: inside its opening hours, on the days it works. The
/// calendar decides the day (a public holiday closes it even on a Saturday the office usually
/// opens; a make-up working Saturday opens it with its Monday hours); the office's hours decide
/// the time.
public enum TicketHours {
    public static func sessions(of hours: OpeningHours, on date: LocalDate, calendar: WorkingCalendar) -> [OpeningSession] {
        if calendar.holiday(on: date) != nil, !calendar.isWorkingDay(date) { return [] }
        if let own = hours.sessions[date.weekday] { return own }
        return calendar.isWorkingDay(date) ? hours.sessions[.mon] ?? [] : []
    }

    public static func isOpen(_ hours: OpeningHours, at moment: LocalDateTime, calendar: WorkingCalendar) -> Bool {
        sessions(of: hours, on: moment.date, calendar: calendar).contains { $0.opens <= moment.time && moment.time < $0.closes }
    }

    /// The next moment the office opens after `moment` (within four weeks), for the refusal's message.
    public static func nextOpening(_ hours: OpeningHours, after moment: LocalDateTime, calendar: WorkingCalendar) -> LocalDateTime? {
        for offset in 0..<28 {
            let date = moment.date.adding(days: offset)
            for session in sessions(of: hours, on: date, calendar: calendar) {
                let opens = LocalDateTime(date: date, time: session.opens)
                if opens > moment { return opens }
            }
        }
        return nil
    }
}

/// How a dossier arrived: at a counter, online, or by post. Outside working time the counting
/// starts at the next working time whatever the channel.
public enum SubmissionChannel: String, CaseIterable, Sendable {
    case counter, online, post

    /// The national portal's channel number (1 counter, 2 online, 3 post).
    public var portalCode: Int {
        switch self {
        case .counter: 1
        case .online: 2
        case .post: 3
        }
    }
}

/// The appointment date of a dossier (ngày hẹn trả kết quả) and how it was counted.
public struct Appointment: Hashable, Sendable {
    /// When the counting starts: the submission, or the next working time after it.
    public let countsFrom: LocalDateTime
    /// The last moment the result is due: the end of working time on `date`, or an hour for hour limits.
    public let due: LocalDateTime
    public var date: LocalDate { due.date }
    /// The rule applied, for the receipt and the record (Vietnamese and English).
    public let rule: String
    public let ruleEn: String

    /// Counts the appointment for a submission at `submittedAt` under `limit`.
    ///
    /// - Working days: `N` working days after the day counting starts, which is not counted.
    /// - Working hours: that much working time from the start.
    /// - Calendar days: `N` days later, moved to the next working day if that is not one.
    /// - Same day: the day counting starts, or the next working day when it starts at or after the cut-off.
    public static func count(_ limit: TimeLimit, submittedAt: LocalDateTime, calendar: WorkingCalendar) -> Appointment {
        let start = calendar.nextWorkingMoment(from: submittedAt)
        let moved = start != submittedAt
        let closing = calendar.sessions.last!.closes
        let startNote = moved ? "tính từ \(start.time) ngày \(start.date.vietnameseText) (nộp ngoài giờ làm việc)" : "tính từ lúc nộp"
        let startNoteEn = moved ? "counted from \(start.time) on \(start.date) (submitted outside working time)" : "counted from submission"
        switch limit {
        case .workingDays(let n):
            let date = calendar.adding(workingDays: n, after: start.date)
            return Appointment(
                countsFrom: start,
                due: LocalDateTime(date: date, time: closing),
                rule: "\(n) ngày làm việc, không tính ngày tiếp nhận; \(startNote)",
                ruleEn: "\(n) working days, the day of reception not counted; \(startNoteEn)"
            )
        case .workingHours(let h):
            return Appointment(
                countsFrom: start,
                due: calendar.adding(workingMinutes: h * 60, to: start),
                rule: "\(h) giờ làm việc; \(startNote)",
                ruleEn: "\(h) working hours; \(startNoteEn)"
            )
        case .calendarDays(let n):
            let date = calendar.workingDay(onOrAfter: start.date.adding(days: n))
            return Appointment(
                countsFrom: start,
                due: LocalDateTime(date: date, time: closing),
                rule: "\(n) ngày theo lịch, nếu rơi vào ngày nghỉ thì chuyển sang ngày làm việc kế tiếp; \(startNote)",
                ruleEn: "\(n) calendar days, moved to the next working day if that is a day off; \(startNoteEn)"
            )
        case .sameDay(let cutoff):
            let late = cutoff.map { start.time >= $0 } ?? false
            let date = late ? calendar.nextWorkingDay(after: start.date) : start.date
            let cutoffNote =
                cutoff.map { late ? "nộp sau \($0) nên trả vào ngày làm việc kế tiếp" : "nộp trước \($0) nên trả trong ngày" } ?? "trả trong ngày"
            let cutoffNoteEn =
                cutoff.map { late ? "submitted at or after \($0), so due the next working day" : "submitted before \($0), so due the same day" }
                ?? "due the same day"
            return Appointment(
                countsFrom: start,
                due: LocalDateTime(date: date, time: closing),
                rule: "Giải quyết trong ngày: \(cutoffNote); \(startNote)",
                ruleEn: "Same-day procedure: \(cutoffNoteEn); \(startNoteEn)"
            )
        }
    }
}

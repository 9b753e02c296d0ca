/// Form 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả": the only way an appointment moves for the
/// agency's own delay. Decree 61/2018 as reported: at most once, signed by the agency's head, no
/// later than one working day before the due date; a letter after the date has passed is refused,
/// one recorded later than D − 1 is accepted but flagged.
public struct ApologyLetter: Equatable, Sendable {
    public let reason: String
    public let previousDue: LocalDateTime
    public let newDue: LocalDateTime
    /// Recorded after the end of the working day before the old appointment date.
    public let recordedLate: Bool

    /// Checks a letter against the rules; every refusal names its field (all are 422: the request
    /// is well formed but the law does not allow it).
    public static func record(
        reason: String?,
        newDate: LocalDate,
        currentDue: LocalDateTime,
        alreadyApologised: Bool,
        now: LocalDateTime,
        calendar: WorkingCalendar
    ) throws(ValidationErrors) -> ApologyLetter {
        var errors: [ValidationError] = []
        let reason = TextFolding.normalize(reason ?? "")
        if alreadyApologised {
            errors.append(
                ValidationError(
                    field: "apology",
                    message: "Hồ sơ đã có một phiếu xin lỗi và hẹn lại; ngày hẹn chỉ được dời một lần.",
                    messageEn: "This dossier already has an apology letter; the appointment moves at most once."
                )
            )
        }
        if reason.isEmpty {
            errors.append(
                ValidationError(
                    field: "reason",
                    message: "Phiếu xin lỗi phải nêu lý do chậm trả kết quả.",
                    messageEn: "An apology letter must give the reason for the delay."
                )
            )
        }
        if now > currentDue {
            errors.append(
                ValidationError(
                    field: "newDate",
                    message: "Đã quá ngày hẹn \(currentDue.date.vietnameseText): không thể hẹn lại; hồ sơ bị ghi nhận trễ hạn.",
                    messageEn: "The appointment \(currentDue.date) has passed: it can no longer be moved; the dossier is recorded as late."
                )
            )
        } else if newDate <= currentDue.date {
            errors.append(
                ValidationError(
                    field: "newDate",
                    message: "Ngày hẹn mới phải sau ngày hẹn cũ \(currentDue.date.vietnameseText).",
                    messageEn: "The new date must be after the old appointment \(currentDue.date)."
                )
            )
        } else if !calendar.isWorkingDay(newDate) {
            errors.append(
                ValidationError(
                    field: "newDate",
                    message: "Ngày hẹn mới \(newDate.vietnameseText) không phải ngày làm việc.",
                    messageEn: "The new date \(newDate) is not a working day."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        let deadline = calendar.closing(of: calendar.previousWorkingDay(before: currentDue.date))
        return ApologyLetter(
            reason: reason,
            previousDue: currentDue,
            newDue: LocalDateTime(date: newDate, time: currentDue.time),
            recordedLate: now > deadline
        )
    }

    /// The event's public details.
    public var details: [String: String] {
        ["previousDue": previousDue.description, "newDue": newDue.description, "recordedLate": recordedLate ? "true" : "false"]
    }
}

/// When an unfinished dossier alerts its agency, and when it is a violation.
public enum Lateness {
    /// The day the alert is due: the working day before the appointment date.
    public static func alertDay(due: LocalDateTime, calendar: WorkingCalendar) -> LocalDate {
        calendar.previousWorkingDay(before: due.date)
    }

    /// Dossiers due on or before this moment need an alert on `today`: the next working day's end.
    public static func alertHorizon(today: LocalDate, calendar: WorkingCalendar) -> LocalDateTime {
        calendar.closing(of: calendar.nextWorkingDay(after: today))
    }

    /// Past its date, unfinished, and without an apology letter: a violation of the appointment.
    /// Not while the clock stands still, waiting for papers or (where the procedure says so) a payment.
    public static func isViolation(
        status: DossierStatus,
        due: LocalDateTime,
        apologised: Bool,
        now: LocalDateTime,
        clockStopped: Bool = false
    ) -> Bool {
        DossierStatus.unfinished.contains(status) && status != .supplementRequested && !clockStopped && now > due && !apologised
    }
}

/// The deadline of a hand-over step, for the tracking sheet's early / on time / late column.
public enum StepDeadline {
    /// A dossier received before the cut-off (default 15:00) goes to the agency the same working
    /// day, otherwise by the end of the next working day (reference requirement 12).
    public static func transfer(receivedAt: LocalDateTime, cutoff: TimeOfDay, calendar: WorkingCalendar) -> LocalDateTime {
        let sameDay = calendar.isWorkingDay(receivedAt.date) && receivedAt.time < cutoff
        return calendar.closing(of: sameDay ? receivedAt.date : calendar.nextWorkingDay(after: receivedAt.date))
    }

    public static let defaultTransferCutoff = try! TimeOfDay(hour: 15, minute: 0)
}

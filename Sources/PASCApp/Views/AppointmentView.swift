import Foundation
import PASCCore
import PASCDomain

/// The appointment a submission would get, with the rule used and the days off it skips.
struct AppointmentView: Encodable, Sendable {
    struct DayOff: Encodable, Sendable {
        let date: String
        let name: String
        let nameEn: String
    }

    let procedure: String
    let timeLimit: ProcedureView.TimeLimitView
    let submittedAt: String
    /// When the counting starts: the submission, or the next working time after it.
    let countsFrom: String
    /// The end of the appointment: the close of working time on the appointment date, or an hour.
    let due: String
    /// `YYYY-MM-DD`.
    let appointmentDate: String
    /// `dd/MM/yyyy`, as printed on the receipt.
    let appointmentDateText: String
    let rule: String
    let ruleEn: String
    /// Holidays and announced days off between the start and the appointment (weekends not listed).
    let daysOffSkipped: [DayOff]

    init(procedure: Procedure, submittedAt: Date, appointment: Appointment, calendar: WorkingCalendar) {
        self.procedure = procedure.code.rawValue
        timeLimit = ProcedureView.TimeLimitView(
            unit: procedure.timeLimit.unit,
            value: procedure.timeLimit.value,
            sameDayCutoff: procedure.timeLimit.cutoff?.description
        )
        self.submittedAt = VietnamTime.format(submittedAt)
        countsFrom = VietnamTime.format(VietnamTime.instant(appointment.countsFrom))
        due = VietnamTime.format(VietnamTime.instant(appointment.due))
        appointmentDate = appointment.date.description
        appointmentDateText = appointment.date.vietnameseText
        rule = appointment.rule
        ruleEn = appointment.ruleEn
        var skipped: [DayOff] = []
        var day = appointment.countsFrom.date
        while day <= appointment.date {
            if let holiday = calendar.holiday(on: day), !calendar.isWorkingDay(day) {
                skipped.append(DayOff(date: day.description, name: holiday.name, nameEn: holiday.nameEn))
            }
            day = day.adding(days: 1)
        }
        daysOffSkipped = skipped
    }
}

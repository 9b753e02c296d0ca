/// A day the government announces for a given year that overrides the weekly rule: an extra day
/// off (a swap or bridging day, a Tết day moved) or a Saturday worked to make up for one.
///
/// Administrators keep these as data because they are decided each year; the computed holiday
/// rules cover the rest, and where the two differ this wins.
public struct AnnouncedDay: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Not a working day although the weekly rule and the holiday rules say it is.
        case dayOff
        /// A working day although it falls on a weekend (a make-up Saturday) or on a day the rules
        /// make a holiday (the announcement chose another one).
        case workday
    }

    public let date: LocalDate
    public let kind: Kind
    public let name: String
    public let nameEn: String
    /// The notice that announced it (number and date), so anyone can check it.
    public let reference: String

    public init(date: LocalDate, kind: Kind, name: String, nameEn: String, reference: String) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let name = TextFolding.normalize(name)
        let reference = TextFolding.normalize(reference)
        if name.isEmpty {
            errors.append(.init(field: "name", message: "Tên ngày không được để trống.", messageEn: "name must not be empty."))
        }
        if reference.isEmpty {
            errors.append(
                .init(
                    field: "reference",
                    message: "Cần ghi văn bản công bố (số, ngày).",
                    messageEn: "reference must name the notice that announced the day (number, date)."
                )
            )
        }
        // A weekday is worked already unless the rules make it a holiday (for example when the
        // announced adjacent National Day differs from the rule's choice).
        if kind == .workday, !date.isWeekend, !HolidayRules.holidays(in: date.year).contains(where: { $0.date == date }) {
            errors.append(
                .init(
                    field: "kind",
                    message: "Ngày làm bù phải là thứ Bảy, Chủ nhật hoặc một ngày lễ theo quy định; \(date.vietnameseText) đã là ngày làm việc.",
                    messageEn: "A workday must be a Saturday, a Sunday or a rule holiday; \(date) is a working day already."
                )
            )
        }
        if kind == .dayOff, date.isWeekend {
            errors.append(
                .init(
                    field: "kind",
                    message: "\(date.vietnameseText) là ngày cuối tuần, vốn đã được nghỉ.",
                    messageEn: "\(date) is a weekend day, which is off already."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.date = date
        self.kind = kind
        self.name = name
        self.nameEn = TextFolding.normalize(nameEn)
        self.reference = reference
    }
}

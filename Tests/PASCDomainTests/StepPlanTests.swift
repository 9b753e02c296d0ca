import PASCDomain
import Testing

@Suite("Step plans: each agency's share of the time limit, with its own deadline")
struct StepPlanTests {
    static let calendar = WorkingCalendar()

    static func at(_ day: String, _ time: String = "17:00") -> LocalDateTime {
        LocalDateTime(date: try! LocalDate(iso: day), time: try! TimeOfDay(parsing: time))
    }

    static func agency(_ code: String, _ kind: Agency.Kind, _ level: Agency.Level, unit: String, _ units: [String]) -> Agency {
        try! Agency(code: code, kind: kind, level: level, name: code, nameEn: code, unitCode: unit, jurisdiction: units)
    }

    static let agencies = [
        agency("ubnd.25741", .communePeoplesCommittee, .commune, unit: "25741", ["25741"]),
        agency("ca.25741", .communePolice, .commune, unit: "25741", ["25741"]),
        agency("ca.25744", .communePolice, .commune, unit: "25744", ["25744"]),
        agency("tckh.718", .districtFinancePlanningOffice, .district, unit: "718", ["25741", "25744"]),
        agency("ca-tinh", .provincialPolice, .province, unit: "74", ["74"]),
        agency("bhxh-tinh", .socialInsurance, .province, unit: "74", ["74"]),
        agency("thue-tinh", .taxAuthority, .province, unit: "74", ["74"]),
    ]

    /// Plans `budgets` for a dossier received at `received` by the agency `lead`.
    static func plan(_ budgets: String, limit: TimeLimit, received: LocalDateTime, lead: String) throws -> (StepPlan, Appointment) {
        let appointment = Appointment.count(limit, submittedAt: received, calendar: calendar)
        let leadAgency = agencies.first { $0.code == lead }!
        let plan = StepPlan.make(
            limit: limit,
            budgets: try StepBudget.parseList(budgets),
            countsFrom: appointment.countsFrom,
            appointmentDue: appointment.due,
            leadAgency: lead,
            agencyOfKind: { StepPlan.agency(ofKind: $0, lead: leadAgency, among: agencies) },
            calendar: calendar
        )
        return (plan, appointment)
    }

    /// Birth registration with residence and health insurance card (2.000986, 20 working days):
    /// received Fri 13/02/2026 before Tết, the commune's 3 days end on 25/02 (the reference's
    /// worked example), the police's 7 more on 06/03, social insurance ends at the appointment.
    @Test func interAgencyStepsAddUpToTheAppointment() throws {
        let (plan, appointment) = try Self.plan(
            "communePeoplesCommittee:3;communePolice:7;socialInsurance:10",
            limit: .workingDays(20),
            received: Self.at("2026-02-13", "09:00"),
            lead: "ubnd.25741"
        )
        #expect(plan.steps.map(\.agency) == ["ubnd.25741", "ca.25741", "bhxh-tinh"])
        #expect(plan.steps.map(\.due) == [Self.at("2026-02-25"), Self.at("2026-03-06"), appointment.due])
        #expect(Self.calendar.adding(workingDays: 20, after: try LocalDate(iso: "2026-02-13")) == appointment.date)
        #expect(plan.isInterAgency && plan.parts.count == 3)
        // Each step's deadline is a working day's end, and they never go backwards.
        for (earlier, later) in zip(plan.steps, plan.steps.dropFirst()) { #expect(earlier.due < later.due) }
        #expect(plan.steps.allSatisfy { Self.calendar.isWorkingDay($0.due.date) })
    }

    /// A household business registration (1.001266): the district office, then the tax
    /// authority's reply, then back to the district office for approval.
    @Test func anAgencyCanTakeTwoPartsAndHandOversFindTheNextOne() throws {
        let (plan, appointment) = try Self.plan(
            "processing:2;taxAuthority:2;approval:1",
            limit: .workingDays(5),
            received: Self.at("2026-09-14", "10:00"),
            lead: "tckh.718"
        )
        #expect(plan.parts.map(\.agency) == ["tckh.718", "thue-tinh", "tckh.718"])
        #expect(plan.parts.map(\.due) == [Self.at("2026-09-16"), Self.at("2026-09-18"), appointment.due])
        #expect(appointment.due == Self.at("2026-09-21"))
        #expect(plan.part(after: 0, for: "thue-tinh")?.index == 1)
        #expect(plan.part(after: 1, for: "tckh.718")?.index == 2)
        #expect(plan.part(after: 1, for: "ca-tinh") == nil)
        #expect(plan.part(after: 2, for: "tckh.718") == nil)
    }

    @Test func aSingleAgencyPlanIsOnePartEndingAtTheAppointment() throws {
        let (plan, appointment) = try Self.plan(
            "processing:2;approval:1",
            limit: .workingDays(3),
            received: Self.at("2026-09-14", "10:00"),
            lead: "ubnd.25741"
        )
        #expect(plan.steps.map(\.due) == [Self.at("2026-09-16"), appointment.due])
        #expect(!plan.isInterAgency && plan.parts.map(\.agency) == ["ubnd.25741"] && plan.parts.map(\.due) == [appointment.due])
        // Same-day and hour limits: every step ends at the appointment.
        let (sameDay, sameDayAppointment) = try Self.plan(
            "processing:0",
            limit: .sameDay(cutoff: try TimeOfDay(parsing: "15:00")),
            received: Self.at("2026-09-14", "15:30"),
            lead: "ubnd.25741"
        )
        #expect(sameDay.steps.map(\.due) == [sameDayAppointment.due] && sameDayAppointment.due == Self.at("2026-09-15"))
    }

    @Test func budgetsThatOverrunTheLimitNeverEndAfterTheAppointment() throws {
        let (plan, appointment) = try Self.plan(
            "communePeoplesCommittee:3;communePolice:9",
            limit: .workingDays(5),
            received: Self.at("2026-09-14", "10:00"),
            lead: "ubnd.25741"
        )
        #expect(plan.steps.allSatisfy { $0.due <= appointment.due } && plan.steps.last?.due == appointment.due)
    }

    /// A three-working-day supplement pause: steps already due stay, the others move by it, the
    /// last one to the moved appointment.
    @Test func aSupplementPauseShiftsTheStepsNotYetDue() throws {
        let (plan, appointment) = try Self.plan(
            "communePeoplesCommittee:3;communePolice:7;socialInsurance:10",
            limit: .workingDays(20),
            received: Self.at("2026-02-13", "09:00"),
            lead: "ubnd.25741"
        )
        let pausedAt = Self.at("2026-03-02", "09:00")
        let minutes = Self.calendar.workingMinutes(from: pausedAt, to: Self.at("2026-03-05", "09:00"))
        #expect(minutes == 3 * 480)
        let newAppointment = Self.calendar.adding(workingMinutes: minutes, to: appointment.due)
        let moved = plan.shifted(pausedAt: pausedAt, minutes: minutes, newAppointment: newAppointment, calendar: Self.calendar)
        #expect(moved.steps.map(\.due) == [Self.at("2026-02-25"), Self.at("2026-03-11"), newAppointment])
        #expect(plan.shifted(pausedAt: pausedAt, minutes: 0, newAppointment: appointment.due, calendar: Self.calendar) == plan)
    }

    @Test func thePlanIsRecordedAsTextAndReadBack() throws {
        let (plan, _) = try Self.plan(
            "processing:2;taxAuthority:2;approval:1",
            limit: .workingDays(5),
            received: Self.at("2026-09-14", "10:00"),
            lead: "tckh.718"
        )
        #expect(plan.recorded.hasPrefix("processing|tckh.718|2|2026-09-16T17:00;taxAuthority|thue-tinh|2|"))
        #expect(StepPlan(recorded: plan.recorded) == plan)
        for broken in ["", "processing|a|x|2026-09-16T17:00", "processing|a|2", "processing||2|2026-09-16T17:00", "p|a|1|tomorrow"] {
            #expect(StepPlan(recorded: broken) == nil, "\(broken)")
        }
    }

    @Test func theTakingAgencyIsTheClosestOneOfItsKind() {
        let lead = Self.agencies[0]
        #expect(StepPlan.agency(ofKind: "communePolice", lead: lead, among: Self.agencies) == "ca.25741")
        #expect(StepPlan.agency(ofKind: "socialInsurance", lead: lead, among: Self.agencies) == "bhxh-tinh")
        #expect(StepPlan.agency(ofKind: "provincialPolice", lead: lead, among: Self.agencies) == "ca-tinh")
        #expect(StepPlan.agency(ofKind: "communePeoplesCommittee", lead: lead, among: Self.agencies) == nil)
        #expect(StepPlan.agency(ofKind: "approval", lead: lead, among: Self.agencies) == nil)
        #expect(StepPlan.agency(ofKind: "landRegistrationBranch", lead: lead, among: Self.agencies) == nil)
    }
}

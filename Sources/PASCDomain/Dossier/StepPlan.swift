/// A dossier's processing plan: the procedure's step budgets laid out from when counting started,
/// each step with the agency that takes it and its legal end. An inter-agency (liên thông)
/// procedure hands the dossier from one agency to the next, and each agency's part has its own
/// deadline; the last step ends at the appointment. The plan is fixed at reception and recorded
/// with the acceptance, so a later change of the catalog or the calendar does not rewrite it; a
/// supplement pause shifts the steps not yet due, as it moves the appointment.
public struct StepPlan: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        /// An internal step (`processing`, `approval`) or the kind of agency that takes it.
        public let name: String
        /// The agency taking the step: the competent agency for its internal steps.
        public let agency: String
        /// The step's budget in the procedure's unit (working days, calendar days; 0 for same-day and hour limits).
        public let budget: Int
        public let due: LocalDateTime

        public init(name: String, agency: String, budget: Int, due: LocalDateTime) {
            self.name = name
            self.agency = agency
            self.budget = budget
            self.due = due
        }
    }

    /// One agency's consecutive steps: what it holds between two hand-overs, and when it must hand on.
    public struct Part: Hashable, Sendable {
        public let index: Int
        public let agency: String
        public let due: LocalDateTime
    }

    public let steps: [Step]

    public init(steps: [Step]) {
        precondition(!steps.isEmpty, "a plan has at least one step")
        self.steps = steps
    }

    /// The plan of a procedure without budgets, or of a dossier recorded before plans were: one step to the appointment.
    public static func single(agency: String, due: LocalDateTime) -> StepPlan {
        StepPlan(steps: [Step(name: "processing", agency: agency, budget: 0, due: due)])
    }

    /// Lays out `budgets` from `countsFrom`. `agencyOfKind` names the agency taking a step that is
    /// an agency kind other than the competent agency's own (nil: the competent agency takes it).
    /// The last step ends at the appointment, and no step ends after it.
    public static func make(
        limit: TimeLimit,
        budgets: [StepBudget],
        countsFrom: LocalDateTime,
        appointmentDue: LocalDateTime,
        leadAgency: String,
        agencyOfKind: (String) -> String?,
        calendar: WorkingCalendar
    ) -> StepPlan {
        guard !budgets.isEmpty else { return single(agency: leadAgency, due: appointmentDue) }
        let closing = calendar.sessions[calendar.sessions.count - 1].closes
        var elapsed = 0
        var steps: [Step] = []
        for (index, budget) in budgets.enumerated() {
            elapsed += budget.workingDays
            var due: LocalDateTime
            switch limit {
            case .workingDays:
                due = LocalDateTime(date: calendar.adding(workingDays: elapsed, after: countsFrom.date), time: closing)
            case .calendarDays:
                due = LocalDateTime(date: calendar.workingDay(onOrAfter: countsFrom.date.adding(days: elapsed)), time: closing)
            case .workingHours, .sameDay:
                due = appointmentDue
            }
            if index == budgets.count - 1 || appointmentDue < due { due = appointmentDue }
            let agency = agencyOfKind(budget.step) ?? leadAgency
            steps.append(Step(name: budget.step, agency: agency, budget: budget.workingDays, due: due))
        }
        return StepPlan(steps: steps)
    }

    /// Each agency's consecutive steps, in order.
    public var parts: [Part] {
        var parts: [Part] = []
        for step in steps {
            if let last = parts.last, last.agency == step.agency {
                parts[parts.count - 1] = Part(index: last.index, agency: last.agency, due: step.due)
            } else {
                parts.append(Part(index: parts.count, agency: step.agency, due: step.due))
            }
        }
        return parts
    }

    /// True when more than one agency takes part.
    public var isInterAgency: Bool { parts.count > 1 }

    /// The part a hand-over from part `current` to `receiver` starts: the next part that agency
    /// takes; nil when the plan has none (an unplanned hand-over, such as sending the dossier
    /// back for a question).
    public func part(after current: Int, for receiver: String) -> Part? {
        parts.first { $0.index > current && $0.agency == receiver }
    }

    /// After a supplement pause of `minutes` working minutes that began at `pausedAt`: the steps
    /// not yet due then move by that working time, and the last one to `newAppointment` (which
    /// the appointment itself was moved to, by the same rule).
    public func shifted(pausedAt: LocalDateTime, minutes: Int, newAppointment: LocalDateTime, calendar: WorkingCalendar) -> StepPlan {
        guard minutes > 0 else { return self }
        let moved = steps.enumerated().map { index, step in
            let due =
                index == steps.count - 1
                ? newAppointment
                : (step.due > pausedAt ? calendar.adding(workingMinutes: minutes, to: step.due) : step.due)
            return Step(name: step.name, agency: step.agency, budget: step.budget, due: min(due, newAppointment))
        }
        return StepPlan(steps: moved)
    }

    /// The text kept in an event's details: `name|agency|budget|due` items joined by `;`.
    public var recorded: String {
        steps.map { "\($0.name)|\($0.agency)|\($0.budget)|\($0.due.description)" }.joined(separator: ";")
    }

    /// Reads ``recorded``; nil for anything else.
    public init?(recorded text: String) {
        var steps: [Step] = []
        for item in text.split(separator: ";") {
            let fields = item.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, !fields[0].isEmpty, !fields[1].isEmpty, let budget = Int(fields[2]),
                let due = LocalDateTime(iso: fields[3])
            else { return nil }
            steps.append(Step(name: fields[0], agency: fields[1], budget: budget, due: due))
        }
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    /// The key of the plan in an event's details.
    public static let detailKey = "plan"
}

extension StepPlan {
    /// The plan of a dossier of `procedure` accepted with `appointment`, led by `lead`.
    public static func make(
        for procedure: Procedure,
        lead: Agency,
        among agencies: [Agency],
        appointment: Appointment,
        calendar: WorkingCalendar
    ) -> StepPlan {
        make(
            limit: procedure.timeLimit,
            budgets: procedure.stepBudgets,
            countsFrom: appointment.countsFrom,
            appointmentDue: appointment.due,
            leadAgency: lead.code,
            agencyOfKind: { agency(ofKind: $0, lead: lead, among: agencies) },
            calendar: calendar
        )
    }

    /// The agency of `kind` that takes a step of an inter-agency procedure led by `lead`: the
    /// lowest-level one whose area covers the lead agency's (the commune police of the same
    /// commune, then a district body, then a provincial one). Nil for internal steps and for the
    /// lead's own kind.
    public static func agency(ofKind kind: String, lead: Agency, among agencies: [Agency]) -> String? {
        guard let kind = Agency.Kind(rawValue: kind), kind != lead.kind else { return nil }
        let order: [Agency.Level: Int] = [.commune: 0, .district: 1, .province: 2]
        let covering = agencies.filter { candidate in
            candidate.kind == kind
                && (candidate.level == .province || candidate.jurisdiction.contains(lead.unitCode)
                    || !Set(candidate.jurisdiction).isDisjoint(with: lead.jurisdiction))
        }
        return covering.min { (order[$0.level]!, $0.code) < (order[$1.level]!, $1.code) }?.code
    }
}

import PASCDomain

/// What an administrator may change on a procedure; nil leaves a field as it is, and the
/// double optionals (`feeVND`, `onlineLevel`) can also set the value to none.
///
/// Boundary-free status is not here: it changes only by a recorded decision
/// (``MasterData/decideBoundaryFree(_:actor:)``).
public struct ProcedureChanges: Sendable {
    public var name: String?
    public var nameEn: String?
    public var field: String?
    public var timeLimit: TimeLimit?
    public var feeVND: Int??
    public var requiredPapers: [String]?
    public var onlineLevel: OnlineLevel??
    public var paymentStopsClock: Bool?
    public var stepBudgets: [StepBudget]?
    public var notes: String?

    public init(
        name: String? = nil,
        nameEn: String? = nil,
        field: String? = nil,
        timeLimit: TimeLimit? = nil,
        feeVND: Int?? = nil,
        requiredPapers: [String]? = nil,
        onlineLevel: OnlineLevel?? = nil,
        paymentStopsClock: Bool? = nil,
        stepBudgets: [StepBudget]? = nil,
        notes: String? = nil
    ) {
        self.name = name
        self.nameEn = nameEn
        self.field = field
        self.timeLimit = timeLimit
        self.feeVND = feeVND
        self.requiredPapers = requiredPapers
        self.onlineLevel = onlineLevel
        self.paymentStopsClock = paymentStopsClock
        self.stepBudgets = stepBudgets
        self.notes = notes
    }

    public func applied(to p: Procedure) throws(ValidationErrors) -> Procedure {
        // A new time limit without new step budgets drops the old budgets, which would no longer add up.
        let budgets = stepBudgets ?? (timeLimit == nil || timeLimit == p.timeLimit ? p.stepBudgets : [])
        return try Procedure(
            code: p.code,
            name: name ?? p.name,
            nameEn: nameEn ?? p.nameEn,
            field: field ?? p.field,
            level: p.level,
            demoLevel: p.demoLevel,
            competentAgencyText: p.competentAgencyText,
            agencyKind: p.agencyKind,
            agencyCode: p.agencyCode,
            competenceBasis: p.competenceBasis,
            timeLimit: timeLimit ?? p.timeLimit,
            feeVND: feeVND ?? p.feeVND,
            requiredPapers: requiredPapers ?? p.requiredPapers,
            onlineLevel: onlineLevel ?? p.onlineLevel,
            boundaryFreePhase: p.boundaryFreePhase,
            paymentStopsClock: paymentStopsClock ?? p.paymentStopsClock,
            stepBudgets: budgets,
            notes: notes ?? p.notes,
            source: p.source
        )
    }
}

import PASCDomain

/// A procedure of the catalog as the API shows it.
struct ProcedureView: Encodable, Sendable {
    struct TimeLimitView: Encodable, Sendable {
        let unit: String
        let value: Int
        @ExplicitNull var sameDayCutoff: String?

        init(unit: String, value: Int, sameDayCutoff: String?) {
            self.unit = unit
            self.value = value
            self.sameDayCutoff = sameDayCutoff
        }
    }

    let code: String
    let name: String
    let nameEn: String
    let field: String
    let level: String
    let demoLevel: String
    let competentAgency: String
    let agencyKind: String
    @ExplicitNull var agencyCode: String?
    let competenceBasis: String
    let timeLimit: TimeLimitView
    /// Whole VND; null when the province sets it or it is unknown.
    @ExplicitNull var feeVND: Int?
    let requiredPapers: [String]
    @ExplicitNull var onlineLevel: String?
    let boundaryFree: Bool
    @ExplicitNull var boundaryFreePhase: Int?
    let paymentStopsClock: Bool
    let stepBudgets: [StepBudget]
    let notes: String
    let source: String

    init(_ p: Procedure) {
        code = p.code.rawValue
        name = p.name
        nameEn = p.nameEn
        field = p.field
        level = p.level.rawValue
        demoLevel = p.demoLevel.rawValue
        competentAgency = p.competentAgencyText
        agencyKind = p.agencyKind.rawValue
        agencyCode = p.agencyCode
        competenceBasis = p.competenceBasis.rawValue
        timeLimit = TimeLimitView(unit: p.timeLimit.unit, value: p.timeLimit.value, sameDayCutoff: p.timeLimit.cutoff?.description)
        feeVND = p.feeVND
        requiredPapers = p.requiredPapers
        onlineLevel = p.onlineLevel?.rawValue
        boundaryFree = p.isBoundaryFree
        boundaryFreePhase = p.boundaryFreePhase
        paymentStopsClock = p.paymentStopsClock
        stepBudgets = p.stepBudgets
        notes = p.notes
        source = p.source
    }
}

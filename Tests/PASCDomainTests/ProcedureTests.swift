import PASCDomain
import Testing

@Suite("Procedures, codes and time limits")
struct ProcedureTests {
    @Test func codesHaveOneDigitDotSixDigits() throws {
        #expect(try ProcedureCode("1.001193").rawValue == "1.001193")
        for bad in ["1001193", "1.00119", "12.001193", "1.001193.H56", "a.001193", ""] {
            #expect(throws: ValidationError.self) { try ProcedureCode(bad) }
        }
    }

    @Test func timeLimitUnitsAndCutoffsFitTogether() throws {
        #expect(try TimeLimit(unit: "workingDays", value: 3, cutoff: nil) == .workingDays(3))
        let cutoff = try TimeOfDay(parsing: "15:00")
        #expect(try TimeLimit(unit: "sameDay", value: 0, cutoff: cutoff).cutoff == cutoff)
        #expect(throws: ValidationError.self) { try TimeLimit(unit: "weeks", value: 2, cutoff: nil) }
        #expect(throws: ValidationError.self) { try TimeLimit(unit: "sameDay", value: 1, cutoff: nil) }
        #expect(throws: ValidationError.self) { try TimeLimit(unit: "workingDays", value: 3, cutoff: cutoff) }
        #expect(throws: ValidationError.self) { try TimeLimit(unit: "workingDays", value: -1, cutoff: nil) }
    }

    @Test func stepBudgetsParseAndMustAddUpToTheLimit() throws {
        let steps = try StepBudget.parseList("processing:2;approval:1")
        #expect(steps.map(\.workingDays) == [2, 1])
        #expect(throws: ValidationError.self) { try StepBudget.parseList("processing=2") }
        #expect {
            try makeProcedure(limit: .workingDays(5), steps: steps)
        } throws: { error in
            (error as? ValidationErrors)?.errors.first?.field == "stepBudgets"
        }
        #expect(try makeProcedure(limit: .workingDays(3), steps: steps).searchText.contains("dang ky khai sinh"))
    }

    @Test func aNamedAgencyProcedureMustNameItsAgency() {
        #expect(throws: ValidationErrors.self) { try makeProcedure(limit: .workingDays(3), steps: [], basis: .namedAgency) }
    }

    func makeProcedure(limit: TimeLimit, steps: [StepBudget], basis: CompetenceBasis = .applicantHome) throws -> Procedure {
        try Procedure(
            code: ProcedureCode("1.001193"),
            name: "Thủ tục đăng ký khai sinh",
            nameEn: "Birth registration",
            field: "Hộ tịch",
            level: .commune,
            demoLevel: .commune,
            competentAgencyText: "UBND cấp xã",
            agencyKind: .communePeoplesCommittee,
            agencyCode: nil,
            competenceBasis: basis,
            timeLimit: limit,
            feeVND: 0,
            requiredPapers: ["Tờ khai"],
            onlineLevel: .full,
            boundaryFreePhase: nil,
            paymentStopsClock: false,
            stepBudgets: steps,
            notes: "",
            source: ""
        )
    }
}

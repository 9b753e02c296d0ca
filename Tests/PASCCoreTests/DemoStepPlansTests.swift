import PASCCore
import PASCDomain
import PASCTestSupport
import Testing

/// The demo catalog's step budgets against the demo network: every step is an internal one or
/// names a kind of agency that exists for every agency that can lead the procedure.
@Suite("Demo step budgets route to real agencies")
struct DemoStepPlansTests {
    @Test func everyInterAgencyStepFindsItsAgencyForEveryLead() {
        let demo = Fixtures.demo
        var interAgency: [String] = []
        for procedure in demo.procedures {
            let leads = demo.agencies.filter { lead in
                lead.kind == procedure.agencyKind && (procedure.agencyCode == nil || procedure.agencyCode == lead.code)
            }
            #expect(!leads.isEmpty, "\(procedure.code)")
            let foreign = procedure.stepBudgets.map(\.step).filter {
                !["processing", "approval"].contains($0) && $0 != procedure.agencyKind.rawValue
            }
            if !foreign.isEmpty { interAgency.append(procedure.code.rawValue) }
            for step in foreign {
                #expect(Agency.Kind(rawValue: step) != nil, "\(procedure.code): step \(step) is no agency kind")
                for lead in leads {
                    #expect(
                        StepPlan.agency(ofKind: step, lead: lead, among: demo.agencies) != nil,
                        "\(procedure.code) led by \(lead.code): no \(step)"
                    )
                }
            }
            // Day budgets add up to the limit; same-day and hour limits have one step of 0.
            let days: Int =
                switch procedure.timeLimit {
                case .workingDays(let n), .calendarDays(let n): n
                case .workingHours, .sameDay: 0
                }
            #expect(procedure.stepBudgets.map(\.workingDays).reduce(0, +) == days, "\(procedure.code)")
        }
        #expect(interAgency.sorted() == ["1.001266", "2.000986", "2.002023"])
    }
}

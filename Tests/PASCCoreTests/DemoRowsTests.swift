import PASCDomain
import Testing

@testable import PASCCore

@Suite("Demo rows that do not make valid values fail with file and line")
struct DemoRowsTests {
    let catalog = try! CSVTable(
        text: """
            code,name_vi,name_en,field,level,competent_agency,fee_vnd,online_level,required_documents,source,notes
            1.001193,Thủ tục đăng ký khai sinh,Birth registration,Hộ tịch,commune,UBND cấp xã,0,full,Tờ khai,src,notes

            """
    )

    func rules(phase: String, fee: String = "") throws -> CSVTable {
        try CSVTable(
            text: """
                code,time_limit_unit,time_limit_value,same_day_cutoff,demo_level,agency_kind,agency_code,competence_basis,boundary_free_phase,payment_stops_clock,step_budgets
                1.001193,sameDay,0,15:00,commune,communePeoplesCommittee,,applicantHome,\(phase),no,processing:0

                """
        )
    }

    @Test func aValidRowParses() throws {
        let procedures = try DemoProcedureRows.parse(catalog: catalog, rules: rules(phase: "1"))
        #expect(procedures.first?.boundaryFreePhase == 1)
        #expect(try DemoProcedureRows.parse(catalog: catalog, rules: rules(phase: "")).first?.isBoundaryFree == false)
    }

    @Test func aMalformedPhaseIsAnErrorNotSilentlyNotBoundaryFree() {
        #expect {
            try DemoProcedureRows.parse(catalog: catalog, rules: rules(phase: "one"))
        } throws: { error in
            let error = error as? DemoDataError
            return error?.file == "procedures.csv" && error?.line == 2 && error?.reason.contains("boundary_free_phase") == true
        }
    }
}

import PASCDomain
import Testing

@Suite("Office codes in the national identifier shape")
struct OfficeCodeTests {
    @Test(arguments: ["000.00.12.H56", "000.01.11.H56", "123.45.67.A01"])
    func acceptsTheNationalShape(_ text: String) throws {
        #expect(try OfficeCode(text).rawValue == text)
    }

    @Test(arguments: [
        "", "000.00.12", "000.00.12.h56", "00.00.12.H56", "000.00.12.H5", "000.00.12.H567", "000-00-12-H56", "000.00.1a.H56", "74", "000.00.12.H56.",
    ])
    func refusesOtherShapesNamingTheField(_ text: String) {
        #expect {
            try OfficeCode(text)
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == "code" && error?.messageEn.contains("000.00.00.H55") == true
        }
    }

    @Test func theShapeIsConfigurable() throws {
        let twoLetters = UnitCodeFormat(digitGroups: [3, 2], provinceLetters: 2, provinceDigits: 1)
        #expect(twoLetters.matches("001.02.HN1"))
        #expect(!twoLetters.matches("000.00.12.H56"))
        #expect(try OfficeCode("001.02.HN1", format: twoLetters).rawValue == "001.02.HN1")
    }
}

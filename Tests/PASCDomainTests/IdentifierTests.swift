import PASCDomain
import Testing

@Suite("Vietnamese identifiers")
struct IdentifierTests {
    @Test func citizenIDsCarryProvinceCenturySexAndYear() throws {
        let id = try PersonalID("074 188 012 345", kind: .citizenID, birthYear: 1988)
        #expect(id.value == "074188012345" && id.isFemale == true && id.birthYear == 1988)
        #expect(try PersonalID("079203000001", kind: .citizenID).birthYear == 2003)
        #expect(try PersonalID("079203000001", kind: .citizenID).isFemale == false)
        #expect(try PersonalID("079303000001", kind: .citizenID).isFemale == true, "3: a woman born in the 21st century")
        #expect(try PersonalID("001090000001", kind: .citizenID, birthYear: 1990).isFemale == false)
    }

    @Test(arguments: [
        ("07418801234", "12 digits"), ("003188012345", "province"), ("074188012345", "birth year"), ("07418801234X", "12 digits"),
    ])
    func badCitizenIDsNameTheRule(_ text: String, _ rule: String) {
        do {
            _ = try PersonalID(text, kind: .citizenID, birthYear: 1990, field: "/applicant/idNumber")
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.field == "/applicant/idNumber")
            #expect(error.messageEn.contains(rule), "\(error.messageEn)")
        }
    }

    @Test func oldIDsAndPassportsAreCheckedForShape() throws {
        #expect(try PersonalID("280 123 456", kind: .oldID).value == "280123456")
        #expect(throws: ValidationError.self) { try PersonalID("28012345", kind: .oldID) }
        #expect(try PersonalID("c1234567", kind: .passport).value == "C1234567")
        #expect(throws: ValidationError.self) { try PersonalID("ABCDEFG", kind: .passport) }
        #expect(throws: ValidationError.self) { try PersonalID("C12", kind: .passport) }
    }

    @Test(arguments: [
        ("0912 345 678", "0912345678", PhoneNumber.Kind.mobile), ("+84 912 345 678", "0912345678", .mobile),
        ("84987654321", "0987654321", .mobile), ("0084-32-123-4567", "0321234567", .mobile), ("(0274) 382 2345", "02743822345", .landline),
    ])
    func phoneNumbersAreNormalised(_ text: String, _ expected: String, _ kind: PhoneNumber.Kind) throws {
        let phone = try PhoneNumber(text)
        #expect(phone.value == expected && phone.kind == kind)
    }

    @Test(arguments: ["091234567", "01234567890", "0412345678", "09123456789", "phone"])
    func badPhoneNumbersAreRefused(_ text: String) {
        #expect(throws: ValidationError.self) { try PhoneNumber(text) }
    }

    @Test func taxCodesCheckTheirCheckDigitAndBranchForm() throws {
        #expect(try TaxCode("0100109106").warning == nil)
        #expect(try TaxCode("0300588569-001").value == "0300588569-001")
        do {
            _ = try TaxCode("0100109107")
            Issue.record("a wrong check digit was accepted")
        } catch {
            #expect(error.messageEn.contains("should be 6"))
        }
        #expect(throws: ValidationError.self) { try TaxCode("0300588569-000") }
        #expect(throws: ValidationError.self) { try TaxCode("030058856") }
        #expect(try TaxCode("074188012345").value == "074188012345", "an individual's 12-digit ID is their tax code since 1/7/2025")
    }

    @Test func anUndecidableCheckDigitIsAWarningNotAnError() throws {
        // Digits whose weighted sum is a multiple of 11: 1×31 + 1×13 = 44.
        let code = try TaxCode("1000010000")
        #expect(code.warning != nil)
    }
}

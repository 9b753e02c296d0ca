import PASCDomain
import Testing

@Suite("Whole-đồng amounts")
struct VNDTests {
    @Test func amountsAreWrittenWithDotsBetweenThousands() {
        #expect(VND.format(0) == "0")
        #expect(VND.format(999) == "999")
        #expect(VND.format(1_000) == "1.000")
        #expect(VND.format(1_250_000) == "1.250.000")
        #expect(VND.format(-50_000) == "-50.000")
    }

    @Test func typedAmountsAreWholePositiveAndBounded() throws {
        #expect(try VND.amount(1, field: "amountVND") == 1)
        #expect(try VND.amount(VND.maximum, field: "amountVND") == VND.maximum)
        for bad in [0, -1, VND.maximum + 1] {
            #expect(throws: ValidationError.self) { try VND.amount(bad, field: "amountVND") }
        }
    }
}

import Foundation
import PASCDomain
import Testing

@Suite("Vietnamese text: NFC storage and diacritic-insensitive search keys")
struct TextFoldingTests {
    @Test func foldingRemovesTonesAndMapsDToD() {
        #expect(TextFolding.fold("Đăng ký khai sinh") == "dang ky khai sinh")
        #expect(TextFolding.fold("  HỘ   KINH DOANH ") == "ho kinh doanh")
        #expect(TextFolding.fold("Phường Định Hoà") == TextFolding.fold("Phuong Dinh Hoa"))
    }

    @Test func decomposedInputNormalizesToTheSameStoredForm() {
        let decomposed = "Hòa".decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count != "Hòa".unicodeScalars.count)
        #expect(TextFolding.normalize(decomposed).unicodeScalars.elementsEqual("Hòa".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(TextFolding.fold(decomposed) == "hoa")
    }

    @Test func searchTermsSplitOnSpacesAndPunctuationButKeepCodes() {
        #expect(TextFolding.searchTerms(" Đăng  KÝ, (khai-sinh)") == ["dang", "ky", "khai", "sinh"])
        #expect(TextFolding.searchTerms("thủ tục 1.001193") == ["thu", "tuc", "1.001193"])
        #expect(TextFolding.searchTerms("  ,; ").isEmpty)
    }

    @Test func searchKeysPadEveryWordWithSpaces() {
        #expect(TextFolding.searchKey("Đăng ký hộ kinh doanh") == " dang ky ho kinh doanh ")
    }
}

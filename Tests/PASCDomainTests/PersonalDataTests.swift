import Foundation
import PASCDomain
import Testing

@Suite("Personal data and access secrets")
struct PersonalDataTests {
    @Test func masksFollowThePublicDisplayRules() {
        #expect(Masking.name("Nguyễn Văn An") == "Nguyễn V*** A**")
        #expect(Masking.name("Trần Thị Thu Hà") == "Trần T*** T*** H**")
        #expect(Masking.name("Lê") == "Lê")
        #expect(Masking.phone("0912345678") == "0912***678")
        #expect(Masking.mask("079123456789", kind: .idNumber) == "079***789")
        #expect(Masking.email("an.nguyen@example.vn") == "a***@example.vn")
        #expect(Masking.mask("12 Lê Lợi", kind: .address) == "***")
    }

    @Test func personalValuesNeverPrintOrEncodeInTheClear() throws {
        let phone = Personal("0912345678", kind: .phone)
        #expect(!"\(phone)".contains("0912345678"))
        #expect(!String(reflecting: phone).contains("345"))
        let json = String(decoding: try JSONEncoder().encode(["phone": phone]), as: UTF8.self)
        #expect(json == #"{"phone":"0912***678"}"#)
        #expect(phone.revealed == "0912345678")
    }

    @Test func secretsUseTheUnambiguousAlphabetAndCompareExactly() throws {
        var generator = SplitMix64(seed: 42)
        let secret = AccessSecret.generate(using: &generator)
        #expect(secret.value.count == 8)
        #expect(secret.value.allSatisfy { AccessSecret.alphabet.contains($0) })
        #expect(!"\(secret)".contains(secret.value))
        let typed = try AccessSecret(typed: secret.value.lowercased().prefix(4) + " - " + secret.value.suffix(4))
        #expect(typed.matches(secret))
        var other = SplitMix64(seed: 43)
        #expect(!AccessSecret.generate(using: &other).matches(secret))
        #expect(throws: ValidationError.self) { try AccessSecret(typed: "0OIL1SZB") }
        #expect(throws: ValidationError.self) { try AccessSecret(typed: "ACDE") }
    }

    @Test func constantTimeComparisonHandlesLengths() {
        #expect(AccessSecret.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!AccessSecret.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!AccessSecret.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!AccessSecret.constantTimeEquals([], [0]))
    }
}

/// A small seeded generator so tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

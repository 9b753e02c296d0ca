/// A Vietnamese phone number in its national form (`0912345678`).
///
/// Mobile numbers have 10 digits since 2018 (prefixes 03, 05, 07, 08, 09); landlines 11 digits
/// with an area code 02xx. The international form `+84 912 345 678` is normalised. Carriers'
/// prefix lists change, so the second digit is checked, not the carrier.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case mobile, landline }

    public let value: String
    public let kind: Kind

    public init(_ text: String, field: String = "phone") throws(ValidationError) {
        var digits = text.filter { !$0.isWhitespace && !"().-".contains($0) }
        if digits.hasPrefix("+84") {
            digits = "0" + digits.dropFirst(3)
        } else if digits.hasPrefix("0084") {
            digits = "0" + digits.dropFirst(4)
        } else if digits.hasPrefix("84"), digits.count == 11 {
            digits = "0" + digits.dropFirst(2)
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationError(field: field, message: "Số điện thoại chỉ gồm chữ số.", messageEn: "A phone number has digits only.")
        }
        let chars = Array(digits)
        if chars.count == 10, chars[0] == "0", "35789".contains(chars[1]) {
            self.value = digits
            self.kind = .mobile
        } else if chars.count == 11, chars[0] == "0", chars[1] == "2" {
            self.value = digits
            self.kind = .landline
        } else {
            throw ValidationError(
                field: field,
                message:
                    "Số điện thoại '\(text)' không hợp lệ: di động có 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09; cố định có 11 chữ số bắt đầu bằng 02.",
                messageEn:
                    "'\(text)' is not a Vietnamese phone number: mobiles have 10 digits starting 03, 05, 07, 08 or 09; landlines 11 digits starting 02."
            )
        }
    }

    public var description: String { value }
}

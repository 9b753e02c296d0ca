/// A tax code (mã số thuế): 10 digits with a check digit, or 13 as `NNNNNNNNNN-NNN` for a branch or
/// dependent unit (Circular 105/2020/TT-BTC Art. 5). Since 1 July 2025 individuals use their
/// 12-digit citizen ID, which is accepted and checked as one.
public struct TaxCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    /// Set when the check digit cannot be decided (validators disagree when the weighted sum is a
    /// multiple of 11): the code is accepted and the warning shown, not refused.
    public let warning: ValidationError?

    /// Weights of the first nine digits for the check digit.
    static let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]

    public init(_ text: String, field: String = "taxCode") throws(ValidationError) {
        let cleaned = String(text.filter { !$0.isWhitespace && $0 != "." })
        if cleaned.count == 12, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) {
            _ = try PersonalID(cleaned, kind: .citizenID, field: field)
            value = cleaned
            warning = nil
            return
        }
        let parts = cleaned.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 1 || parts.count == 2, parts[0].count == 10, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.count == 1 || (parts[1].count == 3 && parts[1] != "000")
        else {
            throw ValidationError(
                field: field,
                message: "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số dạng NNNNNNNNNN-NNN cho chi nhánh, đơn vị phụ thuộc.",
                messageEn: "A tax code has 10 digits, or 13 as NNNNNNNNNN-NNN for a branch or dependent unit."
            )
        }
        let digits = parts[0].map { Int(String($0))! }
        let sum = zip(digits.prefix(9), Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = sum % 11
        if remainder == 0 {
            warning = ValidationError(
                field: field,
                message: "Không kiểm tra được chữ số kiểm tra của mã số thuế này; hãy đối chiếu với giấy chứng nhận.",
                messageEn: "This tax code's check digit cannot be verified; compare it with the registration certificate."
            )
        } else {
            guard digits[9] == 10 - remainder else {
                throw ValidationError(
                    field: field,
                    message: "Chữ số kiểm tra của mã số thuế không đúng (chữ số thứ 10 phải là \(10 - remainder)).",
                    messageEn: "The tax code's check digit is wrong (the 10th digit should be \(10 - remainder))."
                )
            }
            warning = nil
        }
        value = cleaned
    }

    public var description: String { value }
}

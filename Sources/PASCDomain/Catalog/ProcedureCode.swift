import Foundation

/// The national code of an administrative procedure (mã TTHC), such as `1.001193`.
///
/// Provinces append suffixes (`.H38`, `.000.00.00.H38`); those are stripped before a code is stored.
public struct ProcedureCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String) throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 1, parts[1].count == 6,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else {
            throw ValidationError(
                field: "code",
                message: "Mã thủ tục '\(text)' phải có dạng một chữ số, dấu chấm, sáu chữ số (ví dụ 1.001193).",
                messageEn: "Procedure code '\(text)' must be one digit, a dot and six digits (for example 1.001193)."
            )
        }
        rawValue = trimmed
    }

    public var description: String { rawValue }
    public static func < (lhs: ProcedureCode, rhs: ProcedureCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

import Foundation

/// The code of an office in the national identifier scheme (mã định danh, QCVN 102:2016),
/// for example `000.00.12.H56`.
///
/// Routing and dossier codes use this code, not the GSO code of the commune the office serves.
/// Only the `H`-province shape has been observed, so the pattern is a ``UnitCodeFormat`` value
/// that a deployment can change.
public struct OfficeCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String, format: UnitCodeFormat = .national) throws(ValidationError) {
        let trimmed = TextFolding.normalize(text)
        guard format.matches(trimmed) else {
            throw ValidationError(
                field: "code",
                message: "Mã đơn vị '\(text)' không đúng dạng \(format.example) (\(format.summaryVi)).",
                messageEn: "Unit code '\(text)' does not have the shape \(format.example) (\(format.summaryEn))."
            )
        }
        rawValue = trimmed
    }

    public var description: String { rawValue }
    public static func < (lhs: OfficeCode, rhs: OfficeCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The shape of a unit code: groups of digits separated by dots, the last group a letter and digits.
///
/// Described as group lengths rather than a regular expression so that it can be stated in
/// messages and configured without writing a pattern.
public struct UnitCodeFormat: Hashable, Sendable {
    /// Digits in each dot-separated group before the province group (`[3, 2, 2]` for `000.00.12`).
    public var digitGroups: [Int]
    /// Letters then digits of the last group (`H56`: 1 letter, 2 digits).
    public var provinceLetters: Int
    public var provinceDigits: Int

    public init(digitGroups: [Int], provinceLetters: Int, provinceDigits: Int) {
        self.digitGroups = digitGroups
        self.provinceLetters = provinceLetters
        self.provinceDigits = provinceDigits
    }

    /// `V1V2V3.Z1Z2.Y1Y2.MX1X2` as in Circular 01/2018 Art. 19.
    public static let national = UnitCodeFormat(digitGroups: [3, 2, 2], provinceLetters: 1, provinceDigits: 2)

    public var example: String {
        (digitGroups.map { String(repeating: "0", count: $0) } + [
            String(repeating: "H", count: provinceLetters) + String(repeating: "5", count: provinceDigits)
        ])
        .joined(separator: ".")
    }

    var summaryVi: String { "\(digitGroups.count) nhóm chữ số và nhóm cuối gồm \(provinceLetters) chữ in hoa, \(provinceDigits) chữ số" }
    var summaryEn: String {
        "\(digitGroups.count) digit groups of lengths \(digitGroups.map(String.init).joined(separator: "/")), then \(provinceLetters) capital letter(s) and \(provinceDigits) digits"
    }

    /// Byte by byte: this runs for every code read from the database.
    public func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var index = 0
        for length in digitGroups {
            guard index + length < bytes.count, bytes[index..<(index + length)].allSatisfy(isDigit), bytes[index + length] == UInt8(ascii: ".")
            else { return false }
            index += length + 1
        }
        guard bytes.count - index == provinceLetters + provinceDigits else { return false }
        return bytes[index..<(index + provinceLetters)].allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
            && bytes[(index + provinceLetters)...].allSatisfy(isDigit)
    }
}

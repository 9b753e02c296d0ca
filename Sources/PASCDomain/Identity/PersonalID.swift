/// An identity document number of an applicant, checked by its kind's rules.
///
/// - 12-digit citizen ID (số định danh cá nhân, Decree 137/2015 Art. 13): province code, the
///   century-and-sex digit, the last two digits of the birth year, six digits. With a birth year
///   the century digit must agree with it.
/// - The old 9-digit ID card, checked for shape only.
/// - Passports (foreigners and Vietnamese), 6 to 12 letters and digits, checked for shape only.
public enum PersonalID: Hashable, Sendable, CustomStringConvertible {
    case citizenID(String)
    case oldID(String)
    case passport(String)

    public enum Kind: String, CaseIterable, Sendable {
        case citizenID, oldID, passport
    }

    public var kind: Kind {
        switch self {
        case .citizenID: .citizenID
        case .oldID: .oldID
        case .passport: .passport
        }
    }

    /// The number alone, so a masked form keeps its first and last digits (`074***345`).
    public var description: String { value }

    public var value: String {
        switch self {
        case .citizenID(let v), .oldID(let v), .passport(let v): v
        }
    }

    /// Reads a number of the given kind (spaces and dots ignored); `birthYear`, when known, is
    /// checked against a citizen ID's century digit and year.
    public init(_ text: String, kind: Kind, birthYear: Int? = nil, field: String = "idNumber") throws(ValidationError) {
        let cleaned = String(text.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }).uppercased()
        switch kind {
        case .citizenID:
            guard cleaned.count == 12, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ValidationError(
                    field: field,
                    message: "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                    messageEn: "A citizen ID has exactly 12 digits."
                )
            }
            let digits = Array(cleaned)
            let province = String(digits[0..<3])
            guard ProvinceCodes.names[province] != nil else {
                throw ValidationError(
                    field: field,
                    message: "Ba chữ số đầu \(province) không phải mã tỉnh nơi đăng ký khai sinh.",
                    messageEn: "The first three digits \(province) are not a province code of birth registration."
                )
            }
            let centuryDigit = Int(String(digits[3]))!
            let impliedYear = 1900 + (centuryDigit / 2) * 100 + Int(String(digits[4...5]))!
            if let birthYear, birthYear != impliedYear {
                throw ValidationError(
                    field: field,
                    message: "Số định danh cho năm sinh \(impliedYear), không khớp năm sinh \(birthYear) đã khai.",
                    messageEn: "The ID encodes birth year \(impliedYear), which does not match the birth year \(birthYear) given."
                )
            }
            self = .citizenID(cleaned)
        case .oldID:
            guard cleaned.count == 9, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ValidationError(
                    field: field,
                    message: "Số chứng minh nhân dân cũ phải gồm đúng 9 chữ số.",
                    messageEn: "An old ID card number has exactly 9 digits."
                )
            }
            self = .oldID(cleaned)
        case .passport:
            guard (6...12).contains(cleaned.count), cleaned.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                cleaned.contains(where: \.isNumber)
            else {
                throw ValidationError(
                    field: field,
                    message: "Số hộ chiếu gồm 6 đến 12 chữ cái và chữ số.",
                    messageEn: "A passport number has 6 to 12 letters and digits."
                )
            }
            self = .passport(cleaned)
        }
    }

    /// For a citizen ID: whether the holder is female by the century-and-sex digit (odd = female).
    public var isFemale: Bool? {
        guard case .citizenID(let v) = self else { return nil }
        return Int(String(Array(v)[3]))! % 2 == 1
    }

    /// For a citizen ID: the birth year it encodes.
    public var birthYear: Int? {
        guard case .citizenID(let v) = self else { return nil }
        let digits = Array(v)
        return 1900 + (Int(String(digits[3]))! / 2) * 100 + Int(String(digits[4...5]))!
    }
}

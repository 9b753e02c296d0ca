import Foundation

/// A value that is personal data (a name, an ID number, a date of birth, a phone number, an e-mail
/// or an address).
///
/// The type makes leaking it take an explicit step: printing or logging it shows a redaction mark,
/// and encoding it writes the masked form. Only code that has checked the right to see it calls
/// ``revealed``.
public struct Personal<Value: Sendable & Hashable>: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    Encodable
{
    public let kind: PersonalDataKind
    private let value: Value

    public init(_ value: Value, kind: PersonalDataKind) {
        self.value = value
        self.kind = kind
    }

    /// The real value, for a reader whose right to it has been checked (and recorded).
    public var revealed: Value { value }

    public var description: String { "‹\(kind.rawValue) redacted›" }
    public var debugDescription: String { description }

    /// Encoders outside the trust boundary get the masked form, never the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Masking.mask("\(value)", kind: kind))
    }
}

/// The kinds of personal data PASC holds (Decree 13/2023 calls them basic personal data).
public enum PersonalDataKind: String, CaseIterable, Sendable, Hashable {
    case name, idNumber, dateOfBirth, phone, email, address
    /// A scanned paper or result, which may show any of the above.
    case document
}

/// How personal data is shown to someone without the right to see it.
public enum Masking {
    /// The public form of a value of the given kind.
    public static func mask(_ text: String, kind: PersonalDataKind) -> String {
        switch kind {
        case .name: name(text)
        case .phone: phone(text)
        case .idNumber: keepEnds(text, head: 3, tail: 3)
        case .email: email(text)
        case .dateOfBirth, .address, .document: "***"
        }
    }

    /// `Nguyễn Văn An` → `Nguyễn V*** A**`: the family name, then the initial of each other word
    /// with a fixed run of stars (middle names `***`, the given name `**`), so lengths leak nothing.
    public static func name(_ text: String) -> String {
        let words = TextFolding.normalize(text).split(separator: " ")
        guard let family = words.first else { return "" }
        let others = words.dropFirst()
        return
            ([String(family)]
            + others.enumerated().map { index, word in
                String(word.prefix(1)) + (index == others.count - 1 ? "**" : "***")
            }).joined(separator: " ")
    }

    /// `0912345678` → `0912***678`.
    public static func phone(_ text: String) -> String {
        keepEnds(text.filter { $0.isNumber || $0 == "+" }, head: 4, tail: 3)
    }

    /// `an.nguyen@example.vn` → `a***@example.vn`.
    public static func email(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), at > text.startIndex else { return "***" }
        return String(text[text.startIndex]) + "***" + text[at...]
    }

    static func keepEnds(_ text: String, head: Int, tail: Int) -> String {
        guard text.count > head + tail else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(head)) + "***" + String(text.suffix(tail))
    }
}

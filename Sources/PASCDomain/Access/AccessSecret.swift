import Foundation

/// The applicant's access secret printed on the receipt: with the dossier code it opens the full
/// dossier. Random (never derived from personal data) and easy to type: 8 characters from an
/// alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
public struct AccessSecret: Hashable, Sendable, CustomStringConvertible {
    public static let alphabet = Array("3469ACDEFGHJKMNPQRTUVWXY")
    public static let length = 8

    public let value: String

    /// A new secret from the given generator (the system's, in production; a seeded one in tests).
    public static func generate(using generator: inout some RandomNumberGenerator) -> AccessSecret {
        AccessSecret(value: String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
    }

    private init(value: String) { self.value = value }

    /// Reads what a person typed: case, spaces and dashes do not matter; look-alikes are mapped
    /// (O→0 is not in the alphabet, so it is refused rather than guessed).
    public init(typed text: String) throws(ValidationError) {
        let cleaned = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == Self.length, cleaned.allSatisfy({ Self.alphabet.contains($0) }) else {
            throw ValidationError(
                field: "secret",
                message: "Mã truy cập gồm \(Self.length) ký tự in trên giấy tiếp nhận.",
                messageEn: "The access secret is the \(Self.length) characters printed on the receipt."
            )
        }
        value = cleaned
    }

    /// Never printed: a secret in a log line would defeat it.
    public var description: String { "AccessSecret(‹redacted›)" }

    /// Compares in time independent of where the first difference is, so timing tells a guesser nothing.
    public func matches(_ other: AccessSecret) -> Bool {
        Self.constantTimeEquals(Array(value.utf8), Array(other.value.utf8))
    }

    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}

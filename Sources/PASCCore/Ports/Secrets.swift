import Foundation

/// Slow, salted password hashing (bcrypt in the app). A port so the core stays free of C libraries.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) throws -> String
    func verify(_ password: String, against hash: String) -> Bool
}

/// Fast hashing of high-entropy secrets (SHA-256 in the app): session ids, CSRF and API tokens.
public protocol SecretHasher: Sendable {
    /// Lower-case hex digest.
    func digest(_ secret: String) -> String
}

/// Where random bytes come from; the system's generator in production, a seeded one in tests.
public protocol RandomSource: Sendable {
    func bytes(_ count: Int) -> [UInt8]
}

/// The operating system's cryptographically secure generator.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension RandomSource {
    /// A random token of `byteCount` bytes as base64url text without padding.
    public func token(byteCount: Int = 32) -> String {
        Data(bytes(byteCount)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

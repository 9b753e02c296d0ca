import Crypto
import Foundation
import HummingbirdBcrypt
import PASCCore

/// bcrypt from hummingbird-auth. Cost 12 by default (about a quarter of a second per check here),
/// never below 10.
public struct BcryptPasswordHasher: PasswordHasher {
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = max(cost, 10)
    }

    public func hash(_ password: String) throws -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, against hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}

/// SHA-256 (swift-crypto) for high-entropy secrets, where a slow hash would buy nothing.
public struct SHA256SecretHasher: SecretHasher {
    public init() {}

    public func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

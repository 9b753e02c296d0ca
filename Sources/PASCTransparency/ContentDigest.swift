import Crypto
import Foundation

/// Plain SHA-256 for callers that must not import swift-crypto themselves (the pure core).
public enum ContentDigest {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}

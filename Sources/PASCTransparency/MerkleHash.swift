import Crypto
import Foundation

/// A SHA-256 value of the log: a leaf's hash, an inner node's, or a tree's root.
///
/// RFC 6962 §2.1 separates leaves from inner nodes with a one-byte prefix (0x00 for a leaf, 0x01
/// for a node), so no leaf can be passed off as a subtree and no subtree as a leaf.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// A hash of 32 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.size else { return nil }
        self.bytes = bytes
    }

    /// From standard base64 (as in checkpoints and proofs); nil unless it holds 32 bytes.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64) else { return nil }
        self.init(bytes: Array(data))
    }

    /// From lowercase or uppercase hex; nil unless it holds 32 bytes.
    public init?(hex: String) {
        guard hex.utf8.count == Self.size * 2, let bytes = Hex.decode(hex) else { return nil }
        self.init(bytes: bytes)
    }

    public static let size = 32

    public var base64: String { Data(bytes).base64EncodedString() }
    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    /// The root of the empty tree: SHA-256 of nothing.
    public static let emptyRoot = MerkleHash(digest: SHA256.hash(data: [UInt8]()))

    /// A leaf's hash: SHA-256(0x00 ‖ data).
    public static func leaf(_ data: some DataProtocol) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: data)
        return MerkleHash(digest: hasher.finalize())
    }

    /// An inner node's hash: SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return MerkleHash(digest: hasher.finalize())
    }

    init(digest: SHA256.Digest) {
        bytes = Array(digest)
    }
}

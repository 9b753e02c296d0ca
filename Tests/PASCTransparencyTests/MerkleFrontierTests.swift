import Foundation
import PASCTransparency
import Testing

@Suite("Merkle frontier")
struct MerkleFrontierTests {
    static func leaf(_ i: Int) -> MerkleHash { MerkleHash.leaf(Array("leaf \(i)".utf8)) }

    /// A perfect subtree computed from the leaves alone, by the definition (RFC 6962 §2.1).
    static func subtree(_ level: Int, _ index: Int) -> MerkleHash {
        level == 0 ? leaf(index) : MerkleHash.node(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1))
    }

    /// Appending leaf by leaf gives, at every size, the root of the whole tree and exactly the
    /// perfect subtrees the proofs read.
    @Test func appendsMatchTheTreeAtEverySize() {
        var frontier = MerkleFrontier()
        var stored: [Int: [Int: MerkleHash]] = [:]
        #expect(frontier.root == .emptyRoot)
        for i in 0..<70 {
            stored[0, default: [:]][i] = Self.leaf(i)
            for node in frontier.append(Self.leaf(i)) { stored[node.level, default: [:]][node.index] = node.hash }
            let size = i + 1
            #expect(frontier.size == size && frontier.hashes.count == size.nonzeroBitCount)
            let expected = MerkleTree.root(size: size, node: Self.subtree)
            #expect(frontier.root == expected, "root at size \(size)")
            // Every perfect subtree a proof needs at this size is stored, and right.
            for level in 1..<8 {
                for index in 0..<(size >> level) {
                    #expect(stored[level]?[index] == Self.subtree(level, index), "subtree \(level)/\(index) at size \(size)")
                }
            }
            let reread = MerkleFrontier(size: size, storedText: frontier.storedText)
            #expect(reread == frontier)
        }
        #expect(MerkleFrontier(size: 3, storedText: Self.leaf(0).hex) == nil, "a frontier that does not fit its size is refused")
        #expect(MerkleFrontier(size: 1, storedText: "zz") == nil)
    }
}

@Suite("Hex")
struct HexTests {
    @Test func encodesAndDecodesEveryByte() {
        let bytes = (0...255).map(UInt8.init)
        let text = Hex.encode(bytes)
        #expect(text.hasPrefix("000102") && text.hasSuffix("fdfeff") && text.count == 512)
        #expect(Hex.decode(text) == bytes)
        #expect(Hex.decode(text.uppercased()) == bytes)
        #expect(Hex.decode("abc") == nil && Hex.decode("zz") == nil && Hex.decode("") == [])
    }
}

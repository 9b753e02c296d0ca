import Crypto
import Foundation

/// A log's signed statement of its size and root (C2SP `tlog-checkpoint`), as a signed note
/// (C2SP `signed-note`): the body
///
///     <origin>
///     <tree size>
///     <base64 root>
///     [extension lines]
///
/// then a blank line and one `— <key name> <base64(key hash ‖ signature)>` line per signature.
/// Witnesses add their own lines over the same body; a verifier looks for the key it trusts and
/// ignores the others.
public struct Checkpoint: Hashable, Sendable {
    public let origin: String
    public let size: UInt64
    public let root: MerkleHash
    public let extensions: [String]

    public init(origin: String, size: UInt64, root: MerkleHash, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The signed body, every line ending with a newline.
    public var body: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// The note: the body, a blank line, the signature.
    public func signed(by signer: LogSigner) throws -> String {
        let text = body
        return text + "\n" + (try signer.signatureLine(for: text))
    }

    /// Parses a note and checks the signature of `verifier`'s key; throws ``CheckpointError`` for
    /// any malformed note, a missing signature by that key, or one that does not verify.
    public static func open(_ note: String, verifier: LogVerifier) throws(CheckpointError) -> Checkpoint {
        guard let split = note.range(of: "\n\n") else { throw .malformed("no blank line between the body and the signatures") }
        let text = String(note[..<split.upperBound].dropLast())
        let checkpoint = try parse(body: text)
        let signatures = note[split.upperBound...]
        guard signatures.hasSuffix("\n") else { throw .malformed("the signature lines do not end with a newline") }
        var sawKey = false
        for line in signatures.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("— ") else { throw .malformed("a signature line does not start with '— '") }
            let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let blob = Data(base64Encoded: String(fields[1])), blob.count >= 5 else {
                throw .malformed("a signature line is not '— <name> <base64>'")
            }
            guard fields[0] == verifier.name, Array(blob.prefix(4)) == verifier.keyHash else { continue }
            sawKey = true
            if verifier.key.isValidSignature(blob.dropFirst(4), for: Data(text.utf8)) { return checkpoint }
        }
        throw sawKey ? .badSignature(key: verifier.name) : .notSignedBy(key: verifier.name)
    }

    /// Parses an unsigned body (origin, size, base64 root, extension lines).
    public static func parse(body text: String) throws(CheckpointError) -> Checkpoint {
        guard text.hasSuffix("\n") else { throw .malformed("the body does not end with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else { throw .malformed("the body has \(lines.count) lines; origin, size and root are needed") }
        guard !lines[0].isEmpty else { throw .malformed("the origin line is empty") }
        let digits = lines[1]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits == "0" || !digits.hasPrefix("0"),
            let size = UInt64(digits)
        else { throw .malformed("the size line '\(digits.prefix(40))' is not a decimal number") }
        guard let root = MerkleHash(base64: lines[2]) else { throw .malformed("the root line is not the base64 of 32 bytes") }
        let extensions = Array(lines.dropFirst(3))
        guard extensions.allSatisfy({ !$0.isEmpty }) else { throw .malformed("an extension line is empty") }
        return Checkpoint(origin: lines[0], size: size, root: root, extensions: extensions)
    }
}

/// Why a checkpoint was not accepted.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case notSignedBy(key: String)
    case badSignature(key: String)

    public var description: String {
        switch self {
        case .malformed(let reason): "malformed checkpoint: \(reason)"
        case .notSignedBy(let key): "the checkpoint carries no signature by key \(key)"
        case .badSignature(let key): "the checkpoint's signature by key \(key) does not verify"
        }
    }
}

/// The key hash of a signed-note Ed25519 key: the first four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key).
func noteKeyHash(name: String, publicKey: Data) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: Data(name.utf8))
    hasher.update(data: [0x0A, 0x01])
    hasher.update(data: publicKey)
    return Array(hasher.finalize().prefix(4))
}

/// Signs checkpoints with the log's Ed25519 key.
public struct LogSigner: Sendable {
    public let name: String
    let key: Curve25519.Signing.PrivateKey

    /// A new random key for the log named `name` (its origin line).
    public init(name: String) {
        self.name = name
        key = Curve25519.Signing.PrivateKey()
    }

    /// Reads the private key line `PRIVATE+KEY+<name>+<hex key hash>+<base64(0x01 ‖ seed)>`.
    public init(privateKeyLine line: String) throws(CheckpointError) {
        // The base64 key may itself contain '+': it is everything after the fourth separator.
        let parts = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let blob = Data(base64Encoded: String(parts[4])), blob.count == 33,
            blob.first == 0x01, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: blob.dropFirst())
        else { throw .malformed("not a PRIVATE+KEY+<name>+<hash>+<key> line of an Ed25519 key") }
        name = String(parts[2])
        self.key = key
        guard parts[3] == verifier.keyHashHex else { throw .malformed("the key hash does not match the key") }
    }

    /// The private key line (keep it secret: mode 0600).
    public var privateKeyLine: String {
        "PRIVATE+KEY+\(name)+\(verifier.keyHashHex)+" + (Data([0x01]) + key.rawRepresentation).base64EncodedString()
    }

    /// The matching public key.
    public var verifier: LogVerifier { LogVerifier(name: name, key: key.publicKey) }

    func signatureLine(for text: String) throws -> String {
        let signature = try key.signature(for: Data(text.utf8))
        return "— \(name) " + (Data(verifier.keyHash) + signature).base64EncodedString() + "\n"
    }
}

/// The public half, as published: `<name>+<hex key hash>+<base64(0x01 ‖ key)>`.
public struct LogVerifier: Sendable {
    public let name: String
    let key: Curve25519.Signing.PublicKey

    init(name: String, key: Curve25519.Signing.PublicKey) {
        self.name = name
        self.key = key
    }

    public init(verifierKey line: String) throws(CheckpointError) {
        let parts = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let blob = Data(base64Encoded: String(parts[2])), blob.count == 33, blob.first == 0x01,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: blob.dropFirst())
        else { throw .malformed("not a <name>+<hash>+<key> line of an Ed25519 verifier key") }
        name = String(parts[0])
        self.key = key
        guard parts[1] == keyHashHex else { throw .malformed("the key hash does not match the key") }
    }

    public var keyHash: [UInt8] { noteKeyHash(name: name, publicKey: key.rawRepresentation) }
    var keyHashHex: String { Hex.encode(keyHash) }

    /// The verifier key line to publish.
    public var verifierKey: String {
        "\(name)+\(keyHashHex)+" + (Data([0x01]) + key.rawRepresentation).base64EncodedString()
    }
}

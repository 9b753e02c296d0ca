import Foundation
import PASCCore
import PASCTransparency

/// The deployment's log signing key on disk: one `PRIVATE+KEY+…` line, readable by its owner only
/// (mode 0600), and beside it `<file>.pub` with the verifier key to publish.
///
/// One key per deployment: a demo server creates it in its data folder on first start; a
/// deployment of several servers runs `pasc log init-key` once and points every server at the
/// same file (`PASC_LOG_KEY_FILE`). See docs/transparency.md for rotation.
public enum LogKeyFile {
    /// The origin line of checkpoints signed by a key the demo creates.
    public static let demoOrigin = "pasc-demo.local/binh-duong/log"

    /// Reads the key at `path`; refuses a file others can read, or one that is not a key.
    public static func load(_ path: String) throws -> LogSigner {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(
                "the log key file \(path) does not exist; create it once with `pasc log init-key --out \(path)` and point every server at it (PASC_LOG_KEY_FILE)"
            )
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw ConfigurationError(
                "the log key file \(path) can be read by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`"
            )
        }
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw ConfigurationError("cannot read the log key file \(path)")
        }
        do {
            return try LogSigner(privateKeyLine: text)
        } catch {
            throw ConfigurationError("the log key file \(path) does not hold a signing key: \(error)")
        }
    }

    /// Creates a new key at `path` (mode 0600) and its public key at `path.pub`; refuses to
    /// overwrite an existing key, which would orphan every checkpoint signed with it.
    @discardableResult
    public static func create(_ path: String, origin: String) throws -> LogSigner {
        guard !origin.isEmpty, !origin.contains(where: { $0 == "+" || $0.isWhitespace }) else {
            throw ConfigurationError("the log origin '\(origin)' must be non-empty, without spaces or '+' (for example pasc.example.gov.vn/log)")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError("\(path) exists already; a log key is never overwritten (see docs/transparency.md to rotate it)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let signer = LogSigner(name: origin)
        guard
            FileManager.default.createFile(
                atPath: path,
                contents: Data((signer.privateKeyLine + "\n").utf8),
                attributes: [.posixPermissions: 0o600]
            )
        else { throw ConfigurationError("cannot write the log key file \(path)") }
        try Data((signer.verifier.verifierKey + "\n").utf8).write(to: URL(fileURLWithPath: path + ".pub"))
        return signer
    }

    /// Reads a published verifier key (`<name>+<hash>+<key>`, as in `<key file>.pub`).
    public static func loadVerifier(_ path: String) throws -> LogVerifier {
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw ConfigurationError("cannot read the public key file \(path)")
        }
        do {
            return try LogVerifier(verifierKey: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw ConfigurationError("\(path) does not hold a log verifier key: \(error)")
        }
    }
}

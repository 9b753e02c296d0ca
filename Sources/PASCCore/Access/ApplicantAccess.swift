import Foundation
import PASCDomain

/// Opens a dossier to its applicant: the dossier code with the access secret printed on the receipt.
///
/// Guesses are counted per dossier and per client address in windows shared by every server;
/// past the limit the answer is "try again after" whatever is typed, right secret included, until
/// the window ends. The secret is stored as a digest bound to the dossier code and compared in
/// constant time.
public struct ApplicantAccess: Sendable {
    public struct Settings: Sendable, Equatable {
        public var guessesPerDossier = 20
        public var guessesPerAddress = 100
        public var windowSeconds = 15 * 60
        public init() {}
    }

    public enum Outcome: Equatable, Sendable {
        case granted
        case denied
        case tooManyGuesses(retryAfterSeconds: Int)
    }

    public let counters: any RateCounterStore
    public let secrets: any SecretHasher
    public let clock: any Clock
    public let settings: Settings

    public init(counters: any RateCounterStore, secrets: any SecretHasher, clock: any Clock, settings: Settings = Settings()) {
        self.counters = counters
        self.secrets = secrets
        self.clock = clock
        self.settings = settings
    }

    /// The digest to store for a new dossier's secret (bound to its code, so digests cannot be swapped).
    public func digest(code: String, secret: AccessSecret) -> String {
        secrets.digest("\(code)\n\(secret.value)")
    }

    /// Checks a typed secret against the stored digest (nil when the code is unknown: the answer
    /// is the same "denied", and the guess counts the same).
    public func check(code: String, typed: String, storedDigest: String?, address: String) async throws -> Outcome {
        let now = Int(clock.now().timeIntervalSince1970)
        let limiter = AttemptLimiter(
            counters: counters,
            windowSeconds: settings.windowSeconds,
            limits: [("secret.dossier:\(code)", settings.guessesPerDossier), ("secret.address:\(address)", settings.guessesPerAddress)]
        )
        guard try await limiter.admit(nowEpoch: now) else {
            return .tooManyGuesses(retryAfterSeconds: settings.windowSeconds)
        }
        let typedDigest = (try? AccessSecret(typed: typed)).map { digest(code: code, secret: $0) } ?? ""
        if let storedDigest, AccessSecret.constantTimeEquals(Array(typedDigest.utf8), Array(storedDigest.utf8)) {
            try await limiter.refund(nowEpoch: now)
            return .granted
        }
        return .denied
    }
}

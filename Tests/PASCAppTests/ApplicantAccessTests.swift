import Foundation
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// The mechanism on a minimal fixture record (the dossier issue repeats it on real dossiers).
@Suite("Applicant access by code and secret")
struct ApplicantAccessTests {
    let code = "000.03.11.H56-260915-0042"

    @Test(arguments: TestDatabases.backends)
    func twentyWrongSecretsLockTheDossierUntilTheWindowEnds(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let clock = ManualClock()
            let access = ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: clock)
            var generator = SystemRandomNumberGenerator()
            let secret = AccessSecret.generate(using: &generator)
            WholeRunLog.sensitive([secret.value])
            let stored = access.digest(code: code, secret: secret)
            #expect(!stored.contains(secret.value))
            let outcome1 = try await access.check(code: code, typed: secret.value, storedDigest: stored, address: "a")
            #expect(outcome1 == .granted)
            for i in 0..<20 {
                let outcome2 = try await access.check(code: code, typed: "WRONG\(i % 3)AA", storedDigest: stored, address: "addr-\(i)")
                #expect(outcome2 == .denied)
            }
            let outcome3 = try await access.check(code: code, typed: secret.value, storedDigest: stored, address: "z")
            #expect(outcome3 == .tooManyGuesses(retryAfterSeconds: 900))
            clock.advance(seconds: 900)
            let outcome4 = try await access.check(code: code, typed: secret.value.lowercased(), storedDigest: stored, address: "z")
            #expect(outcome4 == .granted)
        }
    }

    @Test func anUnknownCodeAndAWrongSecretLookTheSame() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let access = ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: ManualClock())
            let outcome5 = try await access.check(code: "nope", typed: "ACDEFGHJ", storedDigest: nil, address: "a")
            #expect(outcome5 == .denied)
            var generator = SystemRandomNumberGenerator()
            let other = access.digest(code: "000.03.11.H56-260915-0043", secret: AccessSecret.generate(using: &generator))
            let outcome6 = try await access.check(code: code, typed: "ACDEFGHJ", storedDigest: other, address: "a")
            #expect(outcome6 == .denied)
        }
    }

    @Test func guessesPerAddressAreLimitedAcrossDossiers() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            var settings = ApplicantAccess.Settings()
            settings.guessesPerAddress = 5
            let access = ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: ManualClock(), settings: settings)
            for i in 0..<5 { _ = try await access.check(code: "code-\(i)", typed: "ACDEFGHJ", storedDigest: nil, address: "scanner") }
            let outcome7 = try await access.check(code: "code-new", typed: "ACDEFGHJ", storedDigest: nil, address: "scanner")
            #expect(outcome7 == .tooManyGuesses(retryAfterSeconds: 900))
            let outcome8 = try await access.check(code: "code-new", typed: "ACDEFGHJ", storedDigest: nil, address: "someone-else")
            #expect(outcome8 == .denied)
        }
    }
}

import Foundation
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@Suite("Sign-in, sessions and tokens")
struct AuthenticationTests {
    static let password = "mật-khẩu-thử-123"

    /// A store with the demo network and one officer, and an Authentication over it with a hand-moved clock.
    func withAuthentication(
        _ backend: TestDatabases.Backend = .sqlite,
        _ body: (Authentication, ManualClock, SQLStore) async throws -> Void
    ) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let hasher = BcryptPasswordHasher(cost: 10)
            try await StaffAccounts(accounts: store, passwords: hasher).add(Fixtures.officer, password: Self.password, actor: "admin")
            var settings = AuthenticationSettings()
            settings.failureDelayMilliseconds = 0
            let clock = ManualClock()
            let auth = Authentication(accounts: store, passwords: hasher, secrets: SHA256SecretHasher(), clock: clock, settings: settings)
            try await body(auth, clock, store)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func theRightPasswordOpensASessionStoredOnlyAsAHash(_ backend: TestDatabases.Backend) async throws {
        try await withAuthentication(backend) { auth, _, store in
            let session = try await auth.signIn(username: "Le.Thi.A", password: Self.password, address: "10.0.0.1")
            #expect(session.id.count >= 43, "at least 256 bits, base64url")
            #expect(try await auth.member(sessionID: session.id)?.member.username == "le.thi.a")
            let stored =
                try await store.textRows(unsafeSQL: "SELECT * FROM staff_sessions") + store.textRows(unsafeSQL: "SELECT * FROM staff_accounts")
            let everything = stored.flatMap(\.values).joined(separator: " ")
            #expect(!everything.contains(session.id) && !everything.contains(session.csrfToken) && !everything.contains(Self.password))
            #expect(everything.contains("$2"), "bcrypt hash stored")
            try await auth.signOut(sessionID: session.id)
            #expect(try await auth.member(sessionID: session.id) == nil)
        }
    }

    @Test func wrongPasswordUnknownUserAndDisabledAccountLookTheSame() async throws {
        try await withAuthentication { auth, _, store in
            await #expect(throws: Authentication.Failure.invalidCredentials) {
                try await auth.signIn(username: "le.thi.a", password: "wrong password", address: "a")
            }
            await #expect(throws: Authentication.Failure.invalidCredentials) {
                try await auth.signIn(username: "no.such.user", password: Self.password, address: "a")
            }
            try await store.setStaffDisabled("le.thi.a", disabled: true, actor: "admin")
            await #expect(throws: Authentication.Failure.invalidCredentials) {
                try await auth.signIn(username: "le.thi.a", password: Self.password, address: "a")
            }
        }
    }

    @Test func repeatedFailuresLockTheAccountForTheWindow() async throws {
        try await withAuthentication { auth, clock, _ in
            for _ in 0..<5 {
                await #expect(throws: Authentication.Failure.invalidCredentials) {
                    try await auth.signIn(username: "le.thi.a", password: "guess", address: "b")
                }
            }
            await #expect(throws: Authentication.Failure.tooManyAttempts(retryAfterSeconds: 900)) {
                try await auth.signIn(username: "le.thi.a", password: Self.password, address: "c")
            }
            clock.advance(seconds: 901)
            _ = try await auth.signIn(username: "le.thi.a", password: Self.password, address: "c")
        }
    }

    @Test func sessionsExpireWhenIdleAndAfterTheAbsoluteLimit() async throws {
        try await withAuthentication { auth, clock, _ in
            let idle = try await auth.signIn(username: "le.thi.a", password: Self.password, address: "a")
            clock.advance(seconds: 29 * 60)
            #expect(try await auth.member(sessionID: idle.id) != nil)
            clock.advance(seconds: 30 * 60)
            #expect(try await auth.member(sessionID: idle.id) == nil, "30 minutes without a request")
            let busy = try await auth.signIn(username: "le.thi.a", password: Self.password, address: "a")
            for _ in 0..<35 {  // 11 h 40 min of requests every 20 minutes
                clock.advance(seconds: 20 * 60)
                #expect(try await auth.member(sessionID: busy.id) != nil)
            }
            clock.advance(seconds: 20 * 60)
            #expect(try await auth.member(sessionID: busy.id) == nil, "12 hours after sign-in, however busy")
        }
    }

    @Test func tokensAreShownOnceStoredHashedAndRevocable() async throws {
        try await withAuthentication { auth, _, store in
            let issued = try await auth.issueToken(for: "le.thi.a", label: "đồng bộ")
            #expect(try await auth.member(token: issued.token)?.username == "le.thi.a")
            #expect(try await auth.member(token: issued.token + "x") == nil)
            let rows = try await store.textRows(unsafeSQL: "SELECT * FROM api_tokens").flatMap(\.values).joined()
            #expect(!rows.contains(issued.token))
            try await store.revokeToken(id: issued.id, actor: "admin")
            #expect(try await auth.member(token: issued.token) == nil)
        }
    }
}

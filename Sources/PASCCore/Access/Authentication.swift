import Foundation
import PASCDomain

/// Sign-in, sessions and API tokens for staff.
///
/// Session ids, CSRF tokens and API tokens are random (256 bits) and handed out once; the store
/// keeps only their SHA-256 digests, and passwords only as bcrypt hashes.
public struct Authentication: Sendable {
    public let accounts: any AccountStore
    public let passwords: any PasswordHasher
    public let secrets: any SecretHasher
    public let random: any RandomSource
    public let clock: any Clock
    public let settings: AuthenticationSettings
    /// A real hash of a random password, checked when the account does not exist so that both
    /// cases take the same time. Made on first use: building a router should not cost a bcrypt round.
    private let dummyHash: DummyHash

    public init(
        accounts: any AccountStore,
        passwords: any PasswordHasher,
        secrets: any SecretHasher,
        random: any RandomSource = SystemRandomSource(),
        clock: any Clock,
        settings: AuthenticationSettings = AuthenticationSettings()
    ) {
        self.accounts = accounts
        self.passwords = passwords
        self.secrets = secrets
        self.random = random
        self.clock = clock
        self.settings = settings
        self.dummyHash = DummyHash()
    }

    /// A new session: the id for the cookie and the CSRF token for forms (both only here, in clear).
    public struct NewSession: Sendable {
        public let id: String
        public let csrfToken: String
        public let member: StaffMember
    }

    public enum Failure: Error, Equatable, Sendable {
        /// Wrong username or password, or a disabled account: the same answer for all three.
        case invalidCredentials
        /// Too many failures; try again after this many seconds.
        case tooManyAttempts(retryAfterSeconds: Int)
    }

    var now: Int { Int(clock.now().timeIntervalSince1970) }

    /// Signs a staff member in. Failures are counted per account and per address and slowed down;
    /// the answer never says whether the account exists.
    public func signIn(username: String, password: String, address: String) async throws -> NewSession {
        let name = TextFolding.normalize(username).lowercased()
        let accountBucket = "login.account:\(name)"
        let limiter = AttemptLimiter(
            counters: accounts,
            windowSeconds: settings.failureWindowSeconds,
            limits: [(accountBucket, settings.failuresPerAccount), ("login.address:\(address)", settings.failuresPerAddress)]
        )
        guard try await limiter.admit(nowEpoch: now) else {
            throw Failure.tooManyAttempts(retryAfterSeconds: settings.failureWindowSeconds)
        }
        let record = try await accounts.staff(name)
        // Hash even for an unknown user so the time taken does not tell whether the account exists.
        let valid =
            passwords.verify(password, against: record?.passwordHash ?? dummyHash.value(passwords, random)) && record != nil
            && record?.member.disabled == false
        guard valid, let member = record?.member else {
            if settings.failureDelayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(settings.failureDelayMilliseconds)) }
            throw Failure.invalidCredentials
        }
        let id = random.token()
        let csrf = random.token()
        // The password checked must still be the account's when the session starts: a change or a
        // disabling during the check would otherwise leave this session alive after it.
        let started = try await accounts.insertSession(
            StoredSession(
                idHash: secrets.digest(id),
                username: member.username,
                csrfHash: secrets.digest(csrf),
                createdEpoch: now,
                lastSeenEpoch: now
            ),
            whilePasswordHash: record?.passwordHash ?? ""
        )
        guard started else { throw Failure.invalidCredentials }
        try await accounts.clearBucket(accountBucket)
        try await limiter.refund(nowEpoch: now)
        return NewSession(id: id, csrfToken: csrf, member: member)
    }

    /// The signed-in member of a session id, or nil when unknown, expired, or the account is disabled.
    /// A live session's idle clock restarts.
    public func member(sessionID: String) async throws -> (member: StaffMember, csrfHash: String)? {
        let hash = secrets.digest(sessionID)
        guard let session = try await accounts.session(idHash: hash) else { return nil }
        let now = now
        if now - session.lastSeenEpoch >= settings.idleTimeoutSeconds || now - session.createdEpoch >= settings.absoluteTimeoutSeconds {
            try await accounts.deleteSession(idHash: hash)
            return nil
        }
        guard let record = try await accounts.staff(session.username), !record.member.disabled else { return nil }
        if now > session.lastSeenEpoch { try await accounts.touchSession(idHash: hash, lastSeenEpoch: now) }
        return (record.member, session.csrfHash)
    }

    public func signOut(sessionID: String) async throws {
        try await accounts.deleteSession(idHash: secrets.digest(sessionID))
    }

    /// A new API token for `username`: returned once, stored as a digest.
    public func issueToken(for username: String, label: String) async throws -> (id: String, token: String) {
        guard let record = try await accounts.staff(username), !record.member.disabled else {
            throw StoreError.notFound(kind: "staff account", code: username)
        }
        let token = "pasc_" + random.token()
        let id = String(random.token(byteCount: 9))
        try await accounts.insertToken(
            StoredToken(
                id: id,
                hash: secrets.digest(token),
                username: record.member.username,
                label: TextFolding.normalize(label),
                createdAt: VietnamTime.format(clock.now()),
                revokedAt: nil
            )
        )
        return (id, token)
    }

    /// The member a bearer token belongs to, or nil when unknown, revoked or disabled.
    public func member(token: String) async throws -> StaffMember? {
        guard let record = try await accounts.tokenHolder(hash: secrets.digest(token)), !record.member.disabled else { return nil }
        return record.member
    }
}

/// A hash computed once, when first needed, by whichever request needs it first.
private final class DummyHash: @unchecked Sendable {
    private let lock = NSLock()
    private var hash: String?

    func value(_ passwords: any PasswordHasher, _ random: any RandomSource) -> String {
        lock.withLock {
            if let hash { return hash }
            let made = (try? passwords.hash(random.token())) ?? ""
            hash = made
            return made
        }
    }
}

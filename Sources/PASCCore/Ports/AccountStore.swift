import Foundation
import PASCDomain

/// Staff accounts, their sessions and tokens, shared rate-limit counters and the change record.
///
/// Secrets arrive here already hashed: the store never sees a password, session id or token.
public protocol AccountStore: RateCounterStore {
    /// Adds an account; throws ``StoreError/conflict(kind:code:)`` when the username exists.
    func insertStaff(_ member: StaffMember, passwordHash: String, actor: String) async throws
    /// Adds every account in one transaction unless any account exists; false (nothing written) then.
    func seedStaffIfEmpty(_ accounts: [StaffRecord], actor: String) async throws -> Bool
    func staff(_ username: String) async throws -> StaffRecord?
    func allStaff() async throws -> [StaffMember]
    func updateStaffPassword(_ username: String, passwordHash: String, actor: String) async throws
    /// Disables or re-enables an account; disabling also ends its sessions and revokes its tokens.
    /// `check` sees the active accounts as they are inside the writing transaction (locked on
    /// PostgreSQL; under the single writer on SQLite) and throws to refuse: a rule over several
    /// accounts ("at least one active administrator") then holds when two requests race.
    func setStaffDisabled(
        _ username: String,
        disabled: Bool,
        actor: String,
        check: @escaping @Sendable (_ active: [StaffMember]) throws -> Void
    ) async throws

    func insertSession(_ session: StoredSession) async throws
    /// Starts a session only while the account is enabled and its password hash is still
    /// `passwordHash` (the one the sign-in checked); false (nothing written) otherwise: a password
    /// changed or an account disabled during the check ends every session, this one included.
    func insertSession(_ session: StoredSession, whilePasswordHash passwordHash: String) async throws -> Bool
    func session(idHash: String) async throws -> StoredSession?
    func touchSession(idHash: String, lastSeenEpoch: Int) async throws
    func deleteSession(idHash: String) async throws

    func insertToken(_ token: StoredToken) async throws
    func token(hash: String) async throws -> StoredToken?
    /// The account holding an unrevoked token, in one read: every API request asks it.
    func tokenHolder(hash: String) async throws -> StaffRecord?
    func revokeToken(id: String, actor: String) async throws

    /// The recorded changes of one entity, oldest first.
    func changes(entity: String, key: String) async throws -> [ChangeRecord]
}

/// An account with its password hash, as stored.
public struct StaffRecord: Sendable {
    public let member: StaffMember
    public let passwordHash: String

    public init(member: StaffMember, passwordHash: String) {
        self.member = member
        self.passwordHash = passwordHash
    }
}

/// A signed-in session: the id and CSRF token are stored as SHA-256 hashes.
public struct StoredSession: Equatable, Sendable {
    public let idHash: String
    public let username: String
    public let csrfHash: String
    public let createdEpoch: Int
    public let lastSeenEpoch: Int

    public init(idHash: String, username: String, csrfHash: String, createdEpoch: Int, lastSeenEpoch: Int) {
        self.idHash = idHash
        self.username = username
        self.csrfHash = csrfHash
        self.createdEpoch = createdEpoch
        self.lastSeenEpoch = lastSeenEpoch
    }
}

/// A bearer token for integrations: shown once, stored as a SHA-256 hash, revocable by its id.
public struct StoredToken: Equatable, Sendable {
    public let id: String
    public let hash: String
    public let username: String
    public let label: String
    public let createdAt: String
    public let revokedAt: String?

    public init(id: String, hash: String, username: String, label: String, createdAt: String, revokedAt: String?) {
        self.id = id
        self.hash = hash
        self.username = username
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// One recorded change of master data: who, when, what, the old and the new value (JSON text).
public struct ChangeRecord: Equatable, Sendable {
    public let at: String
    public let actor: String
    public let entity: String
    public let key: String
    public let oldValue: String?
    public let newValue: String?

    public init(at: String, actor: String, entity: String, key: String, oldValue: String?, newValue: String?) {
        self.at = at
        self.actor = actor
        self.entity = entity
        self.key = key
        self.oldValue = oldValue
        self.newValue = newValue
    }
}

extension AccountStore {
    /// Disables or re-enables an account with no rule over the others.
    public func setStaffDisabled(_ username: String, disabled: Bool, actor: String) async throws {
        try await setStaffDisabled(username, disabled: disabled, actor: actor, check: { _ in })
    }
}

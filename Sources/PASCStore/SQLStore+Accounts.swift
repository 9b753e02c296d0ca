import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: AccountStore {
    public func insertStaff(_ member: StaffMember, passwordHash: String, actor: String) async throws {
        let now = VietnamTime.format(clock.now())
        try await backend.transaction { db in
            if try await db.raw("SELECT username FROM staff_accounts WHERE username = \(bind: member.username)").first() != nil {
                throw StoreError.conflict(kind: "staff account", code: member.username)
            }
            try await Self.insertStaffRow(db, member, passwordHash: passwordHash, at: now, actor: actor)
        }
    }

    public func seedStaffIfEmpty(_ accounts: [StaffRecord], actor: String) async throws -> Bool {
        let now = VietnamTime.format(clock.now())
        let dialect = backend.dialect
        return try await backend.transaction { db in
            if dialect == .postgres { try await db.raw("LOCK TABLE staff_accounts IN EXCLUSIVE MODE").run() }
            guard try await db.raw("SELECT username FROM staff_accounts LIMIT 1").first() == nil else { return false }
            for account in accounts {
                try await Self.insertStaffRow(db, account.member, passwordHash: account.passwordHash, at: now, actor: actor)
            }
            return true
        }
    }

    /// One account row and its change record, inside the caller's transaction.
    static func insertStaffRow(_ db: any SQLDatabase, _ member: StaffMember, passwordHash: String, at now: String, actor: String) async throws {
        let value = try StaffRecordMapping.changeValue(member)
        // ON CONFLICT: two creations of one username at once give 409, not a unique violation (500).
        let inserted = try await db.raw(
            """
            INSERT INTO staff_accounts (username, full_name, password_hash, roles, scope_offices, scope_agencies, home_office, disabled, created_at, updated_at)
            VALUES (
                \(bind: member.username), \(bind: member.fullName), \(bind: passwordHash),
                \(bind: try JSONColumn.encode(member.roles.sorted().map(\.rawValue))),
                \(bind: try JSONColumn.encode(member.scope.offices.sorted().map(\.rawValue))),
                \(bind: try JSONColumn.encode(member.scope.agencies.sorted())),
                \(bind: member.homeOffice?.rawValue), \(bind: member.disabled ? 1 : 0), \(bind: now), \(bind: now)
            )
            ON CONFLICT (username) DO NOTHING RETURNING username
            """
        ).first()
        guard inserted != nil else { throw StoreError.conflict(kind: "staff account", code: member.username) }
        try await Self.recordChange(db, at: now, actor: actor, entity: "staff", key: member.username, old: nil, new: value)
    }

    public func staff(_ username: String) async throws -> StaffRecord? {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM staff_accounts WHERE username = \(bind: username.lowercased())").first().map(StaffRecordMapping.decode)
        }
    }

    public func allStaff() async throws -> [StaffMember] {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM staff_accounts ORDER BY username").all().map { try StaffRecordMapping.decode($0).member }
        }
    }

    public func updateStaffPassword(_ username: String, passwordHash: String, actor: String) async throws {
        let now = VietnamTime.format(clock.now())
        try await backend.transaction { db in
            guard try await db.raw("SELECT username FROM staff_accounts WHERE username = \(bind: username)").first() != nil else {
                throw StoreError.notFound(kind: "staff account", code: username)
            }
            try await db.raw(
                "UPDATE staff_accounts SET password_hash = \(bind: passwordHash), updated_at = \(bind: now) WHERE username = \(bind: username)"
            ).run()
            // Other sessions end with a password change.
            try await db.raw("DELETE FROM staff_sessions WHERE username = \(bind: username)").run()
            // The change record says that the password changed, never what to.
            try await Self.recordChange(db, at: now, actor: actor, entity: "staff.password", key: username, old: nil, new: #""changed""#)
        }
    }

    public func setStaffDisabled(
        _ username: String,
        disabled: Bool,
        actor: String,
        check: @escaping @Sendable (_ active: [StaffMember]) throws -> Void
    ) async throws {
        let now = VietnamTime.format(clock.now())
        let lock = rowLock
        try await backend.transaction { db in
            // Every active account, locked in one order: a concurrent change waits here and then
            // sees this one's result (PostgreSQL re-reads locked rows; SQLite has one writer).
            let active = try await db.raw("SELECT * FROM staff_accounts WHERE disabled = 0 ORDER BY username\(lock)").all()
                .map { try StaffRecordMapping.decode($0).member }
            try check(active)
            guard let row = try await db.raw("SELECT * FROM staff_accounts WHERE username = \(bind: username)").first() else {
                throw StoreError.notFound(kind: "staff account", code: username)
            }
            let before = try StaffRecordMapping.decode(row).member
            try await db.raw(
                "UPDATE staff_accounts SET disabled = \(bind: disabled ? 1 : 0), updated_at = \(bind: now) WHERE username = \(bind: username)"
            ).run()
            if disabled {
                try await db.raw("DELETE FROM staff_sessions WHERE username = \(bind: username)").run()
                try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: now) WHERE username = \(bind: username) AND revoked_at IS NULL").run()
            }
            let after = try StaffMember(
                username: before.username,
                fullName: before.fullName,
                roles: before.roles,
                scope: before.scope,
                homeOffice: before.homeOffice,
                disabled: disabled
            )
            try await Self.recordChange(
                db,
                at: now,
                actor: actor,
                entity: "staff",
                key: username,
                old: try StaffRecordMapping.changeValue(before),
                new: try StaffRecordMapping.changeValue(after)
            )
        }
    }

    // MARK: Sessions

    public func insertSession(_ session: StoredSession) async throws {
        try await backend.transaction { db in
            try await db.raw(
                """
                INSERT INTO staff_sessions (id_hash, username, csrf_hash, created_epoch, last_seen_epoch)
                VALUES (\(bind: session.idHash), \(bind: session.username), \(bind: session.csrfHash), \(bind: session.createdEpoch), \(bind: session.lastSeenEpoch))
                """
            ).run()
        }
    }

    public func insertSession(_ session: StoredSession, whilePasswordHash passwordHash: String) async throws -> Bool {
        try await backend.transaction { db in
            try await db.raw(
                """
                INSERT INTO staff_sessions (id_hash, username, csrf_hash, created_epoch, last_seen_epoch)
                SELECT \(bind: session.idHash), \(bind: session.username), \(bind: session.csrfHash), \(bind: session.createdEpoch), \(bind: session.lastSeenEpoch)
                WHERE EXISTS (
                    SELECT 1 FROM staff_accounts
                    WHERE username = \(bind: session.username) AND password_hash = \(bind: passwordHash) AND disabled = 0
                )
                RETURNING id_hash
                """
            ).first() != nil
        }
    }

    public func session(idHash: String) async throws -> StoredSession? {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM staff_sessions WHERE id_hash = \(bind: idHash)").first().map { row in
                StoredSession(
                    idHash: try row.decode(column: "id_hash", as: String.self),
                    username: try row.decode(column: "username", as: String.self),
                    csrfHash: try row.decode(column: "csrf_hash", as: String.self),
                    createdEpoch: try row.decode(column: "created_epoch", as: Int.self),
                    lastSeenEpoch: try row.decode(column: "last_seen_epoch", as: Int.self)
                )
            }
        }
    }

    public func touchSession(idHash: String, lastSeenEpoch: Int) async throws {
        try await backend.transaction { db in
            try await db.raw("UPDATE staff_sessions SET last_seen_epoch = \(bind: lastSeenEpoch) WHERE id_hash = \(bind: idHash)").run()
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await backend.transaction { db in
            try await db.raw("DELETE FROM staff_sessions WHERE id_hash = \(bind: idHash)").run()
        }
    }

    // MARK: Tokens

    public func insertToken(_ token: StoredToken) async throws {
        try await backend.transaction { db in
            try await db.raw(
                """
                INSERT INTO api_tokens (id, token_hash, username, label, created_at, revoked_at)
                VALUES (\(bind: token.id), \(bind: token.hash), \(bind: token.username), \(bind: token.label), \(bind: token.createdAt), \(bind: token.revokedAt))
                """
            ).run()
            try await Self.recordChange(
                db,
                at: token.createdAt,
                actor: token.username,
                entity: "token",
                key: token.id,
                old: nil,
                new: try JSONColumn.encode(["label": token.label])
            )
        }
    }

    public func token(hash: String) async throws -> StoredToken? {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM api_tokens WHERE token_hash = \(bind: hash)").first().map { row in
                StoredToken(
                    id: try row.decode(column: "id", as: String.self),
                    hash: try row.decode(column: "token_hash", as: String.self),
                    username: try row.decode(column: "username", as: String.self),
                    label: try row.decode(column: "label", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: String.self),
                    revokedAt: try row.decode(column: "revoked_at", as: String?.self)
                )
            }
        }
    }

    public func tokenHolder(hash: String) async throws -> StaffRecord? {
        try await backend.withSession { db in
            try await db.raw(
                """
                SELECT staff_accounts.* FROM api_tokens JOIN staff_accounts ON staff_accounts.username = api_tokens.username
                WHERE api_tokens.token_hash = \(bind: hash) AND api_tokens.revoked_at IS NULL
                """
            ).first().map(StaffRecordMapping.decode)
        }
    }

    public func revokeToken(id: String, actor: String) async throws {
        let now = VietnamTime.format(clock.now())
        try await backend.transaction { db in
            guard try await db.raw("SELECT id FROM api_tokens WHERE id = \(bind: id)").first() != nil else {
                throw StoreError.notFound(kind: "token", code: id)
            }
            try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
            try await Self.recordChange(db, at: now, actor: actor, entity: "token", key: id, old: #""active""#, new: #""revoked""#)
        }
    }

    // MARK: Rate limits

    public func hit(bucket: String, windowSeconds: Int, nowEpoch: Int) async throws -> Int {
        // One statement on both databases: a new window starts when the old one has passed.
        try await backend.transaction { db in
            try await db.raw(
                """
                INSERT INTO rate_limits (bucket, window_start_epoch, hits) VALUES (\(bind: bucket), \(bind: nowEpoch), 1)
                ON CONFLICT (bucket) DO UPDATE SET
                    hits = CASE WHEN rate_limits.window_start_epoch + \(bind: windowSeconds) <= \(bind: nowEpoch) THEN 1 ELSE rate_limits.hits + 1 END,
                    window_start_epoch = CASE WHEN rate_limits.window_start_epoch + \(bind: windowSeconds) <= \(bind: nowEpoch)
                        THEN \(bind: nowEpoch) ELSE rate_limits.window_start_epoch END
                RETURNING hits
                """
            ).first()?.decode(column: "hits", as: Int.self) ?? 1
        }
    }

    public func hits(bucket: String, windowSeconds: Int, nowEpoch: Int) async throws -> Int {
        try await backend.withSession { db in
            guard let row = try await db.raw("SELECT window_start_epoch, hits FROM rate_limits WHERE bucket = \(bind: bucket)").first() else {
                return 0
            }
            let start = try row.decode(column: "window_start_epoch", as: Int.self)
            return start + windowSeconds <= nowEpoch ? 0 : try row.decode(column: "hits", as: Int.self)
        }
    }

    public func unhit(bucket: String, windowSeconds: Int, nowEpoch: Int) async throws {
        try await backend.transaction { db in
            try await db.raw(
                """
                UPDATE rate_limits SET hits = hits - 1
                WHERE bucket = \(bind: bucket) AND hits > 0 AND window_start_epoch + \(bind: windowSeconds) > \(bind: nowEpoch)
                """
            ).run()
        }
    }

    public func clearBucket(_ bucket: String) async throws {
        try await backend.transaction { db in
            try await db.raw("DELETE FROM rate_limits WHERE bucket = \(bind: bucket)").run()
        }
    }

    // MARK: Change record

    public func changes(entity: String, key: String) async throws -> [ChangeRecord] {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM change_log WHERE entity = \(bind: entity) AND entity_key = \(bind: key) ORDER BY id").all().map(
                Self.decodeChange
            )
        }
    }

    static func decodeChange(_ row: any SQLRow) throws -> ChangeRecord {
        ChangeRecord(
            at: try row.decode(column: "at", as: String.self),
            actor: try row.decode(column: "actor", as: String.self),
            entity: try row.decode(column: "entity", as: String.self),
            key: try row.decode(column: "entity_key", as: String.self),
            oldValue: try row.decode(column: "old_value", as: String?.self),
            newValue: try row.decode(column: "new_value", as: String?.self)
        )
    }

    /// Appends to the change record inside the caller's transaction, so a change and its record commit together.
    static func recordChange(_ db: any SQLDatabase, at: String, actor: String, entity: String, key: String, old: String?, new: String?) async throws {
        let row = try await db.raw(
            """
            INSERT INTO change_log (at, actor, entity, entity_key, old_value, new_value)
            VALUES (\(bind: at), \(bind: actor), \(bind: entity), \(bind: key), \(bind: old), \(bind: new))
            RETURNING id
            """
        ).first()
        // A change the public relies on is a leaf of the public log, in the same transaction.
        guard let id = try row?.decode(column: "id", as: Int.self),
            let entry = LogEntry.masterData(id: id, entity: entity, key: key, at: at, old: old, new: new)
        else { return }
        let index = try await appendToLog(db, [entry], at: at)
        try await db.raw("UPDATE change_log SET log_index = \(bind: index[0]) WHERE id = \(bind: id)").run()
    }
}

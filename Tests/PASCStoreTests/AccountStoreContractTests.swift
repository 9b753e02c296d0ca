import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@Suite("Account store contract")
struct AccountStoreContractTests {
    /// Someone must always be able to administer PASC: nobody disables their own account, and the
    /// last active administrator stays (the command line included).
    @Test func theLastAdministratorAndOnesOwnAccountCannotBeDisabled() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let accounts = StaffAccounts(accounts: store, passwords: PlainTestHasher())
            let admin = try StaffMember(username: "quantri", fullName: "Quản Trị", roles: [.administrator], scope: StaffScope(), homeOffice: nil)
            let other = try StaffMember(username: "quantri.2", fullName: "Quản Trị 2", roles: [.administrator], scope: StaffScope(), homeOffice: nil)
            try await store.insertStaff(admin, passwordHash: "x", actor: "test")
            await #expect(throws: StaffAccounts.DisableRefusal.lastAdministrator) { try await accounts.disable("quantri", actor: "cli") }
            try await store.insertStaff(other, passwordHash: "x", actor: "test")
            await #expect(throws: StaffAccounts.DisableRefusal.ownAccount) { try await accounts.disable("QUANTRI", actor: "quantri") }
            try await accounts.disable("quantri", actor: "quantri.2")
            #expect(try await store.staff("quantri")?.member.disabled == true)
            await #expect(throws: StaffAccounts.DisableRefusal.lastAdministrator) { try await accounts.disable("quantri.2", actor: "cli") }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func accountsAreAddedOnceAndEveryChangeIsRecorded(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            try await store.insertStaff(Fixtures.officer, passwordHash: "hash-1", actor: "admin")
            await #expect(throws: StoreError.conflict(kind: "staff account", code: "le.thi.a")) {
                try await store.insertStaff(Fixtures.officer, passwordHash: "hash-2", actor: "admin")
            }
            let stored = try #require(try await store.staff("LE.THI.A"))
            #expect(stored.member == Fixtures.officer && stored.passwordHash == "hash-1")
            try await store.updateStaffPassword("le.thi.a", passwordHash: "hash-3", actor: "admin")
            try await store.setStaffDisabled("le.thi.a", disabled: true, actor: "admin")
            #expect(try await store.staff("le.thi.a")?.member.disabled == true)
            let changes = try await store.changes(entity: "staff", key: "le.thi.a")
            #expect(changes.count == 2)
            #expect(changes[0].oldValue == nil && changes[0].newValue?.contains(#""disabled":false"#) == true)
            #expect(changes[1].oldValue?.contains(#""disabled":false"#) == true && changes[1].newValue?.contains(#""disabled":true"#) == true)
            #expect(changes.allSatisfy { $0.actor == "admin" && $0.at == "2026-09-15T09:00:00+07:00" })
            let password = try await store.changes(entity: "staff.password", key: "le.thi.a")
            #expect(password.count == 1 && password[0].newValue?.contains("hash") == false)
            await #expect(throws: StoreError.notFound(kind: "staff account", code: "nobody")) {
                try await store.setStaffDisabled("nobody", disabled: true, actor: "admin")
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aRosterIsSeededIntoAnEmptyStaffTableOnly(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let roster = try DemoRoster.members(for: Fixtures.demo).prefix(30).map { StaffRecord(member: $0, passwordHash: "h") }
            #expect(try await store.seedStaffIfEmpty(Array(roster), actor: "demo-seed"))
            #expect(try await store.seedStaffIfEmpty(Array(roster), actor: "demo-seed") == false)
            #expect(try await store.allStaff().count == 30)
            #expect(try await store.changes(entity: "staff", key: roster[0].member.username).first?.actor == "demo-seed")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func disablingEndsSessionsAndRevokesTokens(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            try await store.insertStaff(Fixtures.officer, passwordHash: "h", actor: "admin")
            try await store.insertSession(StoredSession(idHash: "s1", username: "le.thi.a", csrfHash: "c1", createdEpoch: 1, lastSeenEpoch: 1))
            try await store.insertToken(StoredToken(id: "t1", hash: "th1", username: "le.thi.a", label: "sync", createdAt: "x", revokedAt: nil))
            #expect(try await store.session(idHash: "s1")?.csrfHash == "c1")
            #expect(try await store.tokenHolder(hash: "th1")?.member.username == "le.thi.a")
            #expect(try await store.tokenHolder(hash: "nope") == nil)
            try await store.touchSession(idHash: "s1", lastSeenEpoch: 5)
            #expect(try await store.session(idHash: "s1")?.lastSeenEpoch == 5)
            try await store.setStaffDisabled("le.thi.a", disabled: true, actor: "admin")
            #expect(try await store.session(idHash: "s1") == nil)
            #expect(try await store.token(hash: "th1")?.revokedAt != nil)
            #expect(try await store.tokenHolder(hash: "th1") == nil, "a revoked token has no holder")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func rateLimitWindowsCountAtomicallyAndRestart(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await store.hit(bucket: "b", windowSeconds: 60, nowEpoch: 1000) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.sorted() == Array(1...20), "every hit sees its own count: no lost updates")
            #expect(try await store.hits(bucket: "b", windowSeconds: 60, nowEpoch: 1059) == 20)
            #expect(try await store.hits(bucket: "b", windowSeconds: 60, nowEpoch: 1060) == 0)
            #expect(try await store.hit(bucket: "b", windowSeconds: 60, nowEpoch: 1060) == 1, "a new window starts")
            try await store.clearBucket("b")
            #expect(try await store.hits(bucket: "b", windowSeconds: 60, nowEpoch: 1061) == 0)
        }
    }
}

/// A hasher for tests that never check a password.
struct PlainTestHasher: PasswordHasher {
    func hash(_ password: String) throws -> String { "plain:" + password }
    func verify(_ password: String, against hash: String) -> Bool { hash == "plain:" + password }
}

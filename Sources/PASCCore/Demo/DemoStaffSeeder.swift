import PASCDomain

/// Seeds the demo roster into a database without staff, each account with its own random password.
public struct DemoStaffSeeder: Sendable {
    public let accounts: any AccountStore
    public let passwords: any PasswordHasher
    public let random: any RandomSource

    public init(accounts: any AccountStore, passwords: any PasswordHasher, random: any RandomSource = SystemRandomSource()) {
        self.accounts = accounts
        self.passwords = passwords
        self.random = random
    }

    /// A demo sign-in, to be written to the private demo-accounts file (never to a log).
    public struct SignIn: Sendable {
        public let member: StaffMember
        public let password: String
    }

    /// Builds and stores the roster; nil when the database has staff already (nothing written).
    /// Hashing is the slow part (bcrypt), so it runs on every core, reporting progress.
    public func seed(_ dataset: NetworkDataset, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [SignIn]? {
        guard try await accounts.allStaff().isEmpty else { return nil }
        let members = try DemoRoster.members(for: dataset)
        let signIns = members.map { SignIn(member: $0, password: random.token(byteCount: 9)) }
        let passwords = passwords
        let records = try await withThrowingTaskGroup(of: (Int, StaffRecord).self) { group in
            var results = [StaffRecord?](repeating: nil, count: signIns.count)
            var next = 0
            var done = 0
            let width = 4
            func start(_ index: Int) {
                let signIn = signIns[index]
                group.addTask { (index, StaffRecord(member: signIn.member, passwordHash: try passwords.hash(signIn.password))) }
            }
            while next < min(width, signIns.count) {
                start(next)
                next += 1
            }
            while let (index, record) = try await group.next() {
                results[index] = record
                done += 1
                if done % 100 == 0 || done == signIns.count { progress(done, signIns.count) }
                if next < signIns.count {
                    start(next)
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
        guard try await accounts.seedStaffIfEmpty(records, actor: "demo-seed") else { return nil }
        return signIns
    }
}

import PASCDomain

/// Adding, changing and disabling staff accounts (never deleting them: the record of who did what
/// must keep its names).
public struct StaffAccounts: Sendable {
    public let accounts: any AccountStore
    public let passwords: any PasswordHasher

    public init(accounts: any AccountStore, passwords: any PasswordHasher) {
        self.accounts = accounts
        self.passwords = passwords
    }

    /// At least 10 characters; long passphrases are welcome (bcrypt reads the first 72 bytes).
    public static func checkPassword(_ password: String) throws(ValidationError) {
        guard password.count >= 10, password.utf8.count <= 72 else {
            throw ValidationError(
                field: "password",
                message: "Mật khẩu phải dài từ 10 ký tự đến 72 byte.",
                messageEn: "The password must be at least 10 characters and at most 72 bytes."
            )
        }
    }

    public func add(_ member: StaffMember, password: String, actor: String) async throws {
        try Self.checkPassword(password)
        try await accounts.insertStaff(member, passwordHash: passwords.hash(password), actor: actor)
    }

    public func setPassword(_ username: String, password: String, actor: String) async throws {
        try Self.checkPassword(password)
        try await accounts.updateStaffPassword(username.lowercased(), passwordHash: passwords.hash(password), actor: actor)
    }

    /// Why an account may not be disabled: the system must keep someone who can administer it.
    public enum DisableRefusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// An administrator disabling their own account would lock themselves out mid-session.
        case ownAccount
        /// Disabling the last active administrator would leave nobody to manage accounts and master data.
        case lastAdministrator

        public var description: String {
            switch self {
            case .ownAccount: "an administrator cannot disable their own account; ask another administrator"
            case .lastAdministrator: "this is the last active administrator; add another administrator before disabling it"
            }
        }
    }

    public func disable(_ username: String, actor: String) async throws {
        let username = username.lowercased()
        guard username != actor.lowercased() else { throw DisableRefusal.ownAccount }
        // Checked inside the writing transaction: two administrators disabling each other at the
        // same moment cannot both see the other still active.
        try await accounts.setStaffDisabled(username, disabled: true, actor: actor) { active in
            guard let target = active.first(where: { $0.username == username }), target.roles.contains(.administrator) else { return }
            guard active.filter({ $0.roles.contains(.administrator) }).count > 1 else { throw DisableRefusal.lastAdministrator }
        }
    }

    public func list() async throws -> [StaffMember] {
        try await accounts.allStaff()
    }
}

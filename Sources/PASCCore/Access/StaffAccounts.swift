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

    public func disable(_ username: String, actor: String) async throws {
        try await accounts.setStaffDisabled(username.lowercased(), disabled: true, actor: actor)
    }

    public func list() async throws -> [StaffMember] {
        try await accounts.allStaff()
    }
}

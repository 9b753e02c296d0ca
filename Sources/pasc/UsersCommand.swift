import ArgumentParser
import Foundation
import PASCApp
import PASCCore
import PASCDomain
import PASCStore

/// `pasc users add|passwd|disable|list`: staff accounts from the command line.
///
/// Passwords are read from standard input (`--password-stdin`) or generated and printed once;
/// they never go on the command line, where other users of the machine could see them.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage staff accounts.",
        subcommands: [Add.self, Passwd.self, Disable.self, List.self]
    )

    /// Who the change record names for changes made here.
    static var actor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown") }

    static func password(fromStandardInput: Bool) throws -> (password: String, generated: Bool) {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ConfigurationError("--password-stdin was given but standard input had no password")
            }
            return (line, false)
        }
        return (SystemRandomSource().token(byteCount: 12), true)
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff account.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "Sign-in name: 3–64 ASCII letters, digits, '.', '_' or '-'.") var username: String
        @Option(help: "Full name.") var fullName: String
        @Option(help: "Role (repeatable): receptionOfficer, specialist, leader, administrator, postal.") var role: [String]
        @Option(help: "Office code in scope (repeatable).") var office: [String] = []
        @Option(help: "Agency code in scope (repeatable).") var agency: [String] = []
        @Option(help: "Home office (one of --office).") var homeOffice: String?
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() async throws {
            try await runReportingErrors {
                let roles = try role.map { raw in
                    guard let role = Role(rawValue: raw) else {
                        throw ConfigurationError("unknown role '\(raw)'; use \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return role
                }
                let member = try StaffMember(
                    username: username,
                    fullName: fullName,
                    roles: Set(roles),
                    scope: StaffScope(offices: Set(office.map { try OfficeCode($0) }), agencies: Set(agency)),
                    homeOffice: homeOffice.map { try OfficeCode($0) }
                )
                let (password, generated) = try UsersCommand.password(fromStandardInput: passwordStdin)
                let configuration = try options.resolve()
                try await withMigratedStore(configuration) { store in
                    try await StaffAccounts(accounts: store, passwords: BcryptPasswordHasher()).add(
                        member,
                        password: password,
                        actor: UsersCommand.actor
                    )
                }
                printLine("Added \(member.username) (\(member.roles.sorted().map(\.rawValue).joined(separator: ", "))).")
                if generated { printLine("Password (shown once): \(password)") }
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password (ends the account's sessions).")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "Username.") var username: String
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() async throws {
            try await runReportingErrors {
                let (password, generated) = try UsersCommand.password(fromStandardInput: passwordStdin)
                let configuration = try options.resolve()
                try await withMigratedStore(configuration) { store in
                    try await StaffAccounts(accounts: store, passwords: BcryptPasswordHasher()).setPassword(
                        username,
                        password: password,
                        actor: UsersCommand.actor
                    )
                }
                printLine("Password of \(username.lowercased()) changed.")
                if generated { printLine("Password (shown once): \(password)") }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (ends its sessions, revokes its tokens; nothing is deleted).")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            try await runReportingErrors {
                let configuration = try options.resolve()
                try await withMigratedStore(configuration) { store in
                    try await StaffAccounts(accounts: store, passwords: BcryptPasswordHasher()).disable(username, actor: UsersCommand.actor)
                }
                printLine("Disabled \(username.lowercased()).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            try await runReportingErrors {
                let configuration = try options.resolve()
                let members = try await withMigratedStore(configuration) { store in try await store.allStaff() }
                for m in members {
                    let scope = (m.scope.offices.sorted().map(\.rawValue) + m.scope.agencies.sorted()).joined(separator: ",")
                    printLine(
                        [m.username, m.fullName, m.roles.sorted().map(\.rawValue).joined(separator: ","), scope, m.disabled ? "disabled" : "active"]
                            .joined(separator: "\t")
                    )
                }
                if members.isEmpty { printLine("No staff accounts.") }
            }
        }
    }
}

import PASCCore
import PASCDomain
import SQLKit

/// Mapping between ``StaffMember`` and `staff_accounts`.
enum StaffRecordMapping {
    static func decode(_ row: any SQLRow) throws -> StaffRecord {
        let username = try row.decode(column: "username", as: String.self)
        do {
            let roles = try JSONColumn.decode([String].self, from: row.decode(column: "roles", as: String.self)).map { raw in
                guard let role = Role(rawValue: raw) else {
                    throw CorruptRecord(table: "staff_accounts", key: username, reason: "unknown role \(raw)")
                }
                return role
            }
            let offices = try JSONColumn.decode([String].self, from: row.decode(column: "scope_offices", as: String.self)).map { try OfficeCode($0) }
            let member = try StaffMember(
                username: username,
                fullName: row.decode(column: "full_name", as: String.self),
                roles: Set(roles),
                scope: StaffScope(
                    offices: Set(offices),
                    agencies: Set(JSONColumn.decode([String].self, from: row.decode(column: "scope_agencies", as: String.self)))
                ),
                homeOffice: row.decode(column: "home_office", as: String?.self).map { try OfficeCode($0) },
                disabled: row.decode(column: "disabled", as: Int.self) != 0
            )
            return StaffRecord(member: member, passwordHash: try row.decode(column: "password_hash", as: String.self))
        } catch let error as CorruptRecord {
            throw error
        } catch {
            throw CorruptRecord(table: "staff_accounts", key: username, reason: "\(error)")
        }
    }

    /// The account as the change record shows it: every field but the password.
    static func changeValue(_ member: StaffMember) throws -> String {
        struct Snapshot: Encodable {
            let username: String
            let fullName: String
            let roles: [String]
            let offices: [String]
            let agencies: [String]
            let homeOffice: String?
            let disabled: Bool
        }
        return try JSONColumn.encode(
            Snapshot(
                username: member.username,
                fullName: member.fullName,
                roles: member.roles.sorted().map(\.rawValue),
                offices: member.scope.offices.sorted().map(\.rawValue),
                agencies: member.scope.agencies.sorted(),
                homeOffice: member.homeOffice?.rawValue,
                disabled: member.disabled
            )
        )
    }
}

import Foundation

/// A staff account as the rules see it (no password: that stays in storage as a hash).
public struct StaffMember: Hashable, Sendable {
    public let username: String
    public let fullName: String
    public let roles: Set<Role>
    public let scope: StaffScope
    /// Where an officer normally works; the roster assigns one to every officer.
    public let homeOffice: OfficeCode?
    public let disabled: Bool

    public init(
        username: String,
        fullName: String,
        roles: Set<Role>,
        scope: StaffScope,
        homeOffice: OfficeCode?,
        disabled: Bool = false
    )
        throws(ValidationErrors)
    {
        var errors: [ValidationError] = []
        let username = TextFolding.normalize(username).lowercased()
        if !(3...64).contains(username.count) || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            errors.append(
                ValidationError(
                    field: "username",
                    message: "Tên đăng nhập gồm 3–64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.",
                    messageEn: "username must be 3–64 characters: ASCII letters, digits, '.', '_' or '-'."
                )
            )
        }
        if TextFolding.normalize(fullName).isEmpty {
            errors.append(ValidationError(field: "fullName", message: "Họ tên không được để trống.", messageEn: "fullName must not be empty."))
        }
        if roles.isEmpty {
            errors.append(
                ValidationError(
                    field: "roles",
                    message: "Cần ít nhất một vai trò: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).",
                    messageEn: "At least one role is needed: \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            )
        }
        if roles.contains(.specialist), scope.agencies.isEmpty {
            errors.append(
                ValidationError(
                    field: "scope.agencies",
                    message: "Chuyên viên cần ít nhất một cơ quan.",
                    messageEn: "A specialist needs at least one agency."
                )
            )
        }
        if !roles.isDisjoint(with: [.receptionOfficer, .postal]), scope.offices.isEmpty {
            errors.append(
                ValidationError(
                    field: "scope.offices",
                    message: "Công chức một cửa và nhân viên bưu điện cần ít nhất một đơn vị.",
                    messageEn: "Reception officers and postal staff need at least one office."
                )
            )
        }
        if roles.contains(.leader), scope.offices.isEmpty, scope.agencies.isEmpty {
            errors.append(
                ValidationError(
                    field: "scope",
                    message: "Lãnh đạo cần một cây đơn vị hoặc cơ quan mình đứng đầu.",
                    messageEn: "A leader needs an office subtree or agencies they head."
                )
            )
        }
        if let homeOffice, !scope.offices.contains(homeOffice) {
            errors.append(
                ValidationError(
                    field: "homeOffice",
                    message: "Đơn vị chính phải nằm trong phạm vi.",
                    messageEn: "homeOffice must be one of the offices in scope."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.username = username
        self.fullName = TextFolding.normalize(fullName)
        self.roles = roles
        self.scope = scope
        self.homeOffice = homeOffice
        self.disabled = disabled
    }
}

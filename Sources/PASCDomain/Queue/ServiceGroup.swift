/// A service group of an office (nhóm dịch vụ): a letter that prefixes its tickets, a name, and the
/// procedures it serves. Counters serve one or more groups; tickets wait in one group.
public struct ServiceGroup: Hashable, Sendable {
    public let office: OfficeCode
    /// One capital letter A–Z, unique in the office: tickets read `B012`.
    public let code: String
    public let name: String
    public let nameEn: String
    /// Procedures served; empty for a group that serves no dossier procedure (result return, information).
    public let procedures: [ProcedureCode]

    public init(office: OfficeCode, code: String, name: String, nameEn: String, procedures: [ProcedureCode]) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let code = code.uppercased()
        if code.count != 1 || !code.allSatisfy({ $0.isASCII && $0.isLetter }) {
            errors.append(
                ValidationError(
                    field: "code",
                    message: "Mã nhóm dịch vụ là một chữ cái A–Z (số phiếu có dạng B012).",
                    messageEn: "A service group's code is one letter A–Z (tickets read B012)."
                )
            )
        }
        let name = TextFolding.normalize(name)
        if name.isEmpty || name.count > 200 {
            errors.append(
                ValidationError(field: "name", message: "Tên nhóm dịch vụ: 1–200 ký tự.", messageEn: "The group's name: 1–200 characters.")
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.office = office
        self.code = code
        self.name = name
        self.nameEn = TextFolding.normalize(nameEn)
        self.procedures = procedures
    }
}

/// A counter (quầy) of an office: its number, the groups it serves, and whether an officer has it open.
public struct Counter: Hashable, Sendable {
    public let office: OfficeCode
    public let number: Int
    public let groups: [String]
    /// The officer signed in at it; nil while closed.
    public let officer: String?

    public var isOpen: Bool { officer != nil }

    public init(office: OfficeCode, number: Int, groups: [String], officer: String?) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if !(1...999).contains(number) {
            errors.append(ValidationError(field: "number", message: "Số quầy từ 1 đến 999.", messageEn: "A counter number is 1–999."))
        }
        if groups.isEmpty {
            errors.append(
                ValidationError(
                    field: "groups",
                    message: "Quầy phải phục vụ ít nhất một nhóm dịch vụ.",
                    messageEn: "A counter serves at least one service group."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.office = office
        self.number = number
        self.groups = groups.map { $0.uppercased() }
        self.officer = officer
    }
}

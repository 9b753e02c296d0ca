/// The owner of a dossier: a citizen or an organisation, and, where someone else hands it in for
/// them, that person. Every personal field is ``Personal``, so it leaves PASC masked unless a
/// reader with the right to it goes through the gate.
public struct Applicant: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case citizen, organisation

        /// The national portal's applicant type (`LoaiDoiTuong`: 1 citizen, 4 organisation/other).
        public var portalCode: Int { self == .citizen ? 1 : 4 }
    }

    /// Someone submitting for the owner (a relative, an employee, a lawyer).
    public struct Submitter: Hashable, Sendable {
        public let name: Personal<String>
        public let id: Personal<PersonalID>
        public let phone: Personal<PhoneNumber>?

        public init(name: Personal<String>, id: Personal<PersonalID>, phone: Personal<PhoneNumber>?) {
            self.name = name
            self.id = id
            self.phone = phone
        }
    }

    public let kind: Kind
    /// The citizen's full name, or the organisation's name.
    public let name: Personal<String>
    /// A citizen's ID; for an organisation, its representative's.
    public let id: Personal<PersonalID>
    public let taxCode: TaxCode?
    public let phone: Personal<PhoneNumber>?
    public let address: Personal<String>?
    /// GSO code of the commune-level unit the applicant lives in (or the organisation is seated in).
    public let homeUnit: String
    public let submitter: Submitter?

    public init(
        kind: Kind,
        name: String,
        id: PersonalID,
        taxCode: TaxCode? = nil,
        phone: PhoneNumber? = nil,
        address: String? = nil,
        homeUnit: String,
        submitter: Submitter? = nil
    ) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let name = TextFolding.normalize(name)
        if name.isEmpty || name.count > 200 {
            errors.append(.init(field: "name", message: "Họ tên phải có từ 1 đến 200 ký tự.", messageEn: "name must have 1 to 200 characters."))
        }
        if homeUnit.isEmpty || !homeUnit.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors.append(
                .init(
                    field: "homeUnit",
                    message: "Cần mã đơn vị hành chính (GSO) nơi cư trú.",
                    messageEn: "homeUnit must be the GSO code of the unit of residence."
                )
            )
        }
        if kind == .organisation, taxCode == nil {
            errors.append(.init(field: "taxCode", message: "Tổ chức phải có mã số thuế.", messageEn: "An organisation needs its tax code."))
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.kind = kind
        self.name = Personal(name, kind: .name)
        self.id = Personal(id, kind: .idNumber)
        self.taxCode = taxCode
        self.phone = phone.map { Personal($0, kind: .phone) }
        self.address = address.map { Personal(TextFolding.normalize($0), kind: .address) }
        self.homeUnit = homeUnit
        self.submitter = submitter
    }
}

/// Where the applicant wants the result: any office, by post, or electronically.
public enum ResultDelivery: Hashable, Sendable {
    case office(OfficeCode)
    case post(address: Personal<String>)
    case electronic

    public var kindName: String {
        switch self {
        case .office: "office"
        case .post: "post"
        case .electronic: "electronic"
        }
    }
}

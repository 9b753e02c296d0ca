import Foundation
import PASCCore
import PASCDomain

/// The JSON kept in `dossiers.applicant` and `submissions.applicant`: the revealed values, which
/// never leave the database except masked or through the access-logged gate.
struct ApplicantRecord: Codable {
    struct SubmitterRecord: Codable {
        let name: String
        let idKind: String
        let id: String
        let phone: String?
    }

    let kind: String
    let name: String
    let idKind: String
    let id: String
    let taxCode: String?
    let phone: String?
    let address: String?
    let homeUnit: String
    let submitter: SubmitterRecord?

    init(_ a: Applicant) {
        kind = a.kind.rawValue
        name = a.name.revealed
        idKind = a.id.revealed.kind.rawValue
        id = a.id.revealed.value
        taxCode = a.taxCode?.value
        phone = a.phone?.revealed.value
        address = a.address?.revealed
        homeUnit = a.homeUnit
        submitter = a.submitter.map {
            SubmitterRecord(name: $0.name.revealed, idKind: $0.id.revealed.kind.rawValue, id: $0.id.revealed.value, phone: $0.phone?.revealed.value)
        }
    }

    func applicant() throws -> Applicant {
        guard let kind = Applicant.Kind(rawValue: kind), let idKind = PersonalID.Kind(rawValue: idKind) else {
            throw CorruptRecord(table: "dossiers", key: "applicant", reason: "unknown kind")
        }
        let submitter = try self.submitter.map { s in
            guard let kind = PersonalID.Kind(rawValue: s.idKind) else {
                throw CorruptRecord(table: "dossiers", key: "submitter", reason: "unknown kind")
            }
            return Applicant.Submitter(
                name: Personal(s.name, kind: .name),
                id: Personal(try PersonalID(s.id, kind: kind), kind: .idNumber),
                phone: try s.phone.map { Personal(try PhoneNumber($0), kind: .phone) }
            )
        }
        return try Applicant(
            kind: kind,
            name: name,
            id: PersonalID(id, kind: idKind),
            taxCode: taxCode.map { try TaxCode($0) },
            phone: phone.map { try PhoneNumber($0) },
            address: address,
            homeUnit: homeUnit,
            submitter: submitter
        )
    }
}

/// The JSON kept in `dossiers.delivery`.
struct DeliveryRecord: Codable {
    let kind: String
    let office: String?
    let address: String?

    init(_ d: ResultDelivery) {
        kind = d.kindName
        switch d {
        case .office(let code):
            office = code.rawValue
            address = nil
        case .post(let address):
            office = nil
            self.address = address.revealed
        case .electronic:
            office = nil
            address = nil
        }
    }

    func delivery() throws -> ResultDelivery {
        switch kind {
        case "office": return .office(try OfficeCode(office ?? ""))
        case "post": return .post(address: Personal(address ?? "", kind: .address))
        case "electronic": return .electronic
        default: throw CorruptRecord(table: "dossiers", key: "delivery", reason: "unknown kind \(kind)")
        }
    }
}

import Hummingbird
import PASCCore
import PASCDomain

/// Administrators add offices and change their names, address, area type, counters, opening
/// hours and location. Each change lands in the change record with the old and new values.
struct OfficeAdminController: Sendable {
    let masterData: MasterData
    /// Receptions read offices from this cache; a change made here is seen at once.
    let network: NetworkCache

    func register(on routes: RouteTable) {
        routes.post("/api/v1/offices", policy: .roles([.administrator]), use: create)
        routes.patch("/api/v1/offices/{code}", policy: .roles([.administrator]), use: update)
    }

    struct LocationInput: Decodable {
        let latitude: Double
        let longitude: Double
        /// Defaults to false: an administrator entering a point usually has surveyed it.
        let approximate: Bool?
        let source: String?

        func parse(_ errors: inout FieldErrors, pointer: String) -> OfficeLocation? {
            let coordinate = errors.read(under: pointer) { () throws(ValidationError) in try Coordinate(latitude: latitude, longitude: longitude) }
            return coordinate.map { OfficeLocation(coordinate: $0, approximate: approximate ?? false, source: source ?? "administrator") }
        }
    }

    struct CreateBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case code, name, nameEn, level, parentCode, unitCode, areaType, location, address, openingHours, counters
        }
        typealias Member = CodingKeys
        let code: String
        let name: String
        let nameEn: String?
        let level: String
        let parentCode: String?
        let unitCode: String
        let areaType: String
        let location: LocationInput
        let address: String?
        let openingHours: String?
        let counters: Int
    }

    @Sendable func create(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let body = try await JSONInput.decodeStrict(CreateBody.self, from: request, context: context)
        var errors = FieldErrors()
        let code = errors.read("/code") { () throws(ValidationError) in try OfficeCode(body.code) }
        let parent = body.parentCode.flatMap { raw in errors.read("/parentCode") { () throws(ValidationError) in try OfficeCode(raw) } }
        let level = errors.enumValue("/level", body.level, OfficeLevel.self)
        let area = errors.enumValue("/areaType", body.areaType, AreaType.self)
        let location = body.location.parse(&errors, pointer: "/location")
        let hours = errors.read("/openingHours") { () throws(ValidationError) in
            try body.openingHours.map(OpeningHours.init(parsing:)) ?? .standardWeekdays
        }
        try errors.check()
        let office: Office
        do {
            office = try Office(
                code: code!,
                name: body.name,
                nameEn: body.nameEn ?? "",
                level: level!,
                parentCode: parent,
                unitCode: body.unitCode,
                areaType: area!,
                location: location!,
                address: body.address ?? "",
                openingHours: hours!,
                counters: body.counters
            )
            _ = try await masterData.createOffice(office, actor: actor.username)
            network.invalidate()
        } catch let error as ValidationErrors {
            throw Problem.invalid(error)
        }
        return try JSONBody.response(OfficeView(office), status: .created)
    }

    struct UpdateBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, nameEn, address, areaType, counters, openingHours, location
        }
        typealias Member = CodingKeys
        let name: String?
        let nameEn: String?
        let address: String?
        let areaType: String?
        let counters: Int?
        let openingHours: String?
        let location: LocationInput?
    }

    @Sendable func update(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let raw = try context.parameters.require("code")
        guard let code = try? OfficeCode(raw) else { throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: raw) }
        let body = try await JSONInput.decodeStrict(UpdateBody.self, from: request, context: context)
        var errors = FieldErrors()
        var changes = OfficeChanges(name: body.name, nameEn: body.nameEn, address: body.address, counters: body.counters)
        if let rawArea = body.areaType { changes.areaType = errors.enumValue("/areaType", rawArea, AreaType.self) }
        if let text = body.openingHours {
            changes.openingHours = errors.read("/openingHours") { () throws(ValidationError) in try OpeningHours(parsing: text) }
        }
        if let location = body.location { changes.location = location.parse(&errors, pointer: "/location") }
        try errors.check()
        do {
            let updated = try await masterData.updateOffice(code, changes, actor: actor.username)
            network.invalidate()
            return try JSONBody.response(OfficeView(updated))
        } catch let error as ValidationErrors {
            throw Problem.invalid(error)
        }
    }
}

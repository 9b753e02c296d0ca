import Hummingbird
import PASCCore
import PASCDomain

/// Administrators add procedures to the catalog and change their names, field, time limit, fee,
/// papers, online level and clock rules. Boundary-free status changes only by a decision
/// (``BoundaryFreeController``). Every change lands in the change record.
struct ProcedureAdminController: Sendable {
    let masterData: MasterData
    /// Receptions read procedures from here: a change made through this server is seen at once.
    let network: NetworkCache

    func register(on routes: RouteTable) {
        routes.post("/api/v1/procedures", policy: .roles([.administrator]), use: create)
        routes.patch("/api/v1/procedures/{code}", policy: .roles([.administrator]), use: update)
    }

    struct TimeLimitInput: Decodable {
        let unit: String
        let value: Int
        let sameDayCutoff: String?

        func parse(_ errors: inout FieldErrors) -> TimeLimit? {
            let cutoff = sameDayCutoff.flatMap { raw in
                errors.read("/timeLimit/sameDayCutoff") { () throws(ValidationError) in try TimeOfDay(parsing: raw) }
            }
            if sameDayCutoff != nil, cutoff == nil { return nil }
            return errors.read(under: "/timeLimit") { () throws(ValidationError) in try TimeLimit(unit: unit, value: value, cutoff: cutoff) }
        }
    }

    struct StepInput: Decodable {
        let step: String
        let workingDays: Int
    }

    static func parseSteps(_ steps: [StepInput], _ errors: inout FieldErrors) -> [StepBudget]? {
        var result: [StepBudget] = []
        for (index, step) in steps.enumerated() {
            guard
                let budget = errors.read(
                    "/stepBudgets/\(index)",
                    { () throws(ValidationError) in try StepBudget(step: step.step, workingDays: step.workingDays) }
                )
            else { return nil }
            result.append(budget)
        }
        return result
    }

    static func parseFee(_ fee: Int, _ errors: inout FieldErrors) -> Int? {
        guard (0...1_000_000_000).contains(fee) else {
            errors.add(
                ValidationError(
                    field: "/feeVND",
                    message: "Lệ phí tính bằng đồng, từ 0 đến 1.000.000.000.",
                    messageEn: "feeVND is whole VND from 0 to 1,000,000,000."
                )
            )
            return nil
        }
        return fee
    }

    struct CreateBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case code, name, nameEn, field, level, demoLevel, competentAgency, agencyKind, agencyCode, competenceBasis, timeLimit
            case feeVND, requiredPapers, onlineLevel, paymentStopsClock, stepBudgets, notes, source
        }
        typealias Member = CodingKeys
        let code: String
        let name: String
        let nameEn: String?
        let field: String
        let level: String
        let demoLevel: String?
        let competentAgency: String
        let agencyKind: String
        let agencyCode: String?
        let competenceBasis: String
        let timeLimit: TimeLimitInput
        let feeVND: Int?
        let requiredPapers: [String]?
        let onlineLevel: String?
        let paymentStopsClock: Bool?
        let stepBudgets: [StepInput]?
        let notes: String?
        let source: String?
    }

    @Sendable func create(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let body = try await JSONInput.decodeStrict(CreateBody.self, from: request, context: context)
        var errors = FieldErrors()
        let code = errors.read("/code") { () throws(ValidationError) in try ProcedureCode(body.code) }
        let level = errors.enumValue("/level", body.level, ProcedureLevel.self)
        let demoLevel = body.demoLevel.map { errors.enumValue("/demoLevel", $0, ProcedureLevel.self) } ?? level
        let kind = errors.enumValue("/agencyKind", body.agencyKind, Agency.Kind.self)
        let basis = errors.enumValue("/competenceBasis", body.competenceBasis, CompetenceBasis.self)
        let limit = body.timeLimit.parse(&errors)
        let online = body.onlineLevel.map { errors.enumValue("/onlineLevel", $0, OnlineLevel.self) } ?? nil
        let steps = Self.parseSteps(body.stepBudgets ?? [], &errors)
        let fee = body.feeVND.flatMap { Self.parseFee($0, &errors) }
        try errors.check()
        do {
            let procedure = try Procedure(
                code: code!,
                name: body.name,
                nameEn: body.nameEn ?? "",
                field: body.field,
                level: level!,
                demoLevel: demoLevel!,
                competentAgencyText: body.competentAgency,
                agencyKind: kind!,
                agencyCode: body.agencyCode,
                competenceBasis: basis!,
                timeLimit: limit!,
                feeVND: fee,
                requiredPapers: body.requiredPapers ?? [],
                onlineLevel: online,
                boundaryFreePhase: nil,
                paymentStopsClock: body.paymentStopsClock ?? false,
                stepBudgets: steps!,
                notes: body.notes ?? "",
                source: body.source ?? "administrator"
            )
            let created = try await masterData.createProcedure(procedure, actor: actor.username)
            network.invalidate()
            return try JSONBody.response(ProcedureView(created), status: .created)
        } catch let error as ValidationErrors {
            throw Problem.invalid(error)
        }
    }

    struct UpdateBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, nameEn, field, timeLimit, feeVND, requiredPapers, onlineLevel, paymentStopsClock, stepBudgets, notes
        }
        typealias Member = CodingKeys
        let name: String?
        let nameEn: String?
        let field: String?
        let timeLimit: TimeLimitInput?
        /// `null` clears the fee (set by the province, or unknown).
        let feeVND: PatchValue<Int>
        let requiredPapers: [String]?
        /// `null` clears the online level.
        let onlineLevel: PatchValue<String>
        let paymentStopsClock: Bool?
        let stepBudgets: [StepInput]?
        let notes: String?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            nameEn = try c.decodeIfPresent(String.self, forKey: .nameEn)
            field = try c.decodeIfPresent(String.self, forKey: .field)
            timeLimit = try c.decodeIfPresent(TimeLimitInput.self, forKey: .timeLimit)
            feeVND = try c.patch(Int.self, forKey: .feeVND)
            requiredPapers = try c.decodeIfPresent([String].self, forKey: .requiredPapers)
            onlineLevel = try c.patch(String.self, forKey: .onlineLevel)
            paymentStopsClock = try c.decodeIfPresent(Bool.self, forKey: .paymentStopsClock)
            stepBudgets = try c.decodeIfPresent([StepInput].self, forKey: .stepBudgets)
            notes = try c.decodeIfPresent(String.self, forKey: .notes)
        }
    }

    @Sendable func update(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let raw = try context.parameters.require("code")
        guard let code = try? ProcedureCode(raw) else { throw Problem.notFound(kind: "procedure", kindVi: "thủ tục", code: raw) }
        let body = try await JSONInput.decodeStrict(UpdateBody.self, from: request, context: context)
        var errors = FieldErrors()
        var changes = ProcedureChanges(
            name: body.name,
            nameEn: body.nameEn,
            field: body.field,
            requiredPapers: body.requiredPapers,
            paymentStopsClock: body.paymentStopsClock,
            notes: body.notes
        )
        changes.timeLimit = body.timeLimit?.parse(&errors)
        if let steps = body.stepBudgets { changes.stepBudgets = Self.parseSteps(steps, &errors) }
        switch body.feeVND {
        case .absent: break
        case .null: changes.feeVND = .some(nil)
        case .value(let fee): changes.feeVND = Self.parseFee(fee, &errors).map { .some($0) }
        }
        switch body.onlineLevel {
        case .absent: break
        case .null: changes.onlineLevel = .some(nil)
        case .value(let raw): changes.onlineLevel = errors.enumValue("/onlineLevel", raw, OnlineLevel.self).map { .some($0) }
        }
        try errors.check()
        do {
            let updated = try await masterData.updateProcedure(code, changes, actor: actor.username)
            network.invalidate()
            return try JSONBody.response(ProcedureView(updated))
        } catch let error as ValidationErrors {
            throw Problem.invalid(error)
        }
    }
}

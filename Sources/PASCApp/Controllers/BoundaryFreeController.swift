import Hummingbird
import PASCCore
import PASCDomain

/// The boundary-free list as the decisions that made it: public to read (anyone may check why a
/// procedure is or is not received outside its home area), recorded by administrators.
struct BoundaryFreeController: Sendable {
    let masterData: MasterData
    /// Receptions read procedures (with their boundary-free phase) from here: a decision is seen at once.
    let network: NetworkCache

    func register(on routes: RouteTable) {
        routes.get("/api/v1/boundary-free-decisions", policy: .everyone, use: list)
        routes.post("/api/v1/boundary-free-decisions", policy: .roles([.administrator]), use: create)
    }

    struct DecisionView: Encodable, Sendable {
        let id: Int
        let number: String
        let signedOn: String
        let effectiveOn: String
        @ExplicitNull var phase: Int?
        let additions: [String]
        let removals: [String]
        /// True when the number and dates are demo placeholders, not a real decision.
        let demoReference: Bool
        let note: String
        let recordedAt: String

        init(_ stored: StoredDecision) {
            id = stored.id
            number = stored.decision.number
            signedOn = stored.decision.signedOn.description
            effectiveOn = stored.decision.effectiveOn.description
            phase = stored.decision.phase
            additions = stored.decision.additions.map(\.rawValue)
            removals = stored.decision.removals.map(\.rawValue)
            demoReference = stored.decision.demoReference
            note = stored.decision.note
            recordedAt = stored.recordedAt
        }
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: ["limit", "cursor"])
        let page = query.page()
        query.requireNumberedCursor(page)
        try query.finish()
        let result = try await masterData.store.boundaryFreeDecisions(page: page)
        return try JSONBody.response(PageBody(items: result.items.map(DecisionView.init), nextCursor: result.nextCursor?.token))
    }

    struct CreateBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case number, signedOn, effectiveOn, phase, additions, removals, note
        }
        typealias Member = CodingKeys
        let number: String
        let signedOn: String
        let effectiveOn: String
        let phase: Int?
        let additions: [String]?
        let removals: [String]?
        let note: String?
    }

    @Sendable func create(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { throw Problem.unauthenticated() }
        let body = try await JSONInput.decodeStrict(CreateBody.self, from: request, context: context)
        var errors = FieldErrors()
        let signed = errors.read("/signedOn") { () throws(ValidationError) in try LocalDate(iso: body.signedOn) }
        let effective = errors.read("/effectiveOn") { () throws(ValidationError) in try LocalDate(iso: body.effectiveOn) }
        func codes(_ list: [String]?, _ pointer: String) -> [ProcedureCode] {
            (list ?? []).enumerated().compactMap { index, raw in
                errors.read("\(pointer)/\(index)") { () throws(ValidationError) in try ProcedureCode(raw) }
            }
        }
        let additions = codes(body.additions, "/additions")
        let removals = codes(body.removals, "/removals")
        try errors.check()
        do {
            let decision = try BoundaryFreeDecision(
                number: body.number,
                signedOn: signed!,
                effectiveOn: effective!,
                phase: body.phase,
                additions: additions,
                removals: removals,
                demoReference: false,
                note: body.note ?? ""
            )
            let stored = try await masterData.decideBoundaryFree(decision, actor: actor.username)
            network.invalidate()
            return try JSONBody.response(DecisionView(stored), status: .created)
        } catch let error as ValidationErrors {
            throw Problem.invalid(error)
        }
    }
}

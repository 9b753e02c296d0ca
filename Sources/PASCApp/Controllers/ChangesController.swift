import Hummingbird
import PASCCore
import PASCDomain

/// The change record of the master data, newest first: who changed what, when, from what to what.
struct ChangesController: Sendable {
    let masterData: MasterData

    static let entities = ["office", "procedure", "boundaryFree", "announcedDay", "staff", "staff.password"]

    func register(on routes: RouteTable) {
        routes.get("/api/v1/changes", policy: .roles([.administrator]), use: list)
    }

    struct ChangeView: Encodable, Sendable {
        let at: String
        let actor: String
        let entity: String
        let key: String
        /// JSON text of the fields before and after; null when there was none.
        @ExplicitNull var oldValue: String?
        @ExplicitNull var newValue: String?

        init(_ record: ChangeRecord) {
            at = record.at
            actor = record.actor
            entity = record.entity
            key = record.key
            oldValue = record.oldValue
            newValue = record.newValue
        }
    }

    @Sendable func list(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: ["entity", "key", "limit", "cursor"])
        let entity = query.string("entity")
        if let entity, !Self.entities.contains(entity) {
            query.errors.append(
                ValidationError(
                    field: "entity",
                    message: "Loại bản ghi '\(entity)' không có; dùng một trong: \(Self.entities.joined(separator: ", ")).",
                    messageEn: "No entity kind '\(entity)'; use one of: \(Self.entities.joined(separator: ", "))."
                )
            )
        }
        let key = query.string("key")
        let page = query.page()
        query.requireNumberedCursor(page)
        try query.finish()
        let result = try await masterData.store.changes(entity: entity, key: key, page: page)
        return try JSONBody.response(PageBody(items: result.items.map(ChangeView.init), nextCursor: result.nextCursor?.token))
    }
}

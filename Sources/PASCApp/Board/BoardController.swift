import Foundation
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// The hall screen of an office: a static page and its script, which read the office from the
/// address, load `GET /api/v1/offices/{code}/queue` and follow the board feed's WebSocket.
struct BoardController: Sendable {
    let page: String
    let script: String
    let stylesheet: String
    let store: any Store

    init(store: any Store) throws {
        func asset(_ name: String) throws -> String {
            guard let url = Bundle.module.url(forResource: "assets", withExtension: nil)?.appendingPathComponent(name) else {
                throw FormError("the board's \(name) is missing from the PASCApp bundle")
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        page = try asset("board.html")
        script = try asset("board.js")
        stylesheet = try asset("board.css")
        self.store = store
    }

    func register(on routes: RouteTable) {
        routes.get("/offices/{code}/board", policy: .everyone, use: board)
        routes.get("/assets/board.js", policy: .everyone) { _, _ in Self.text(script, type: "text/javascript; charset=utf-8") }
        routes.get("/assets/board.css", policy: .everyone) { _, _ in Self.text(stylesheet, type: "text/css; charset=utf-8") }
    }

    static func text(_ body: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    @Sendable func board(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let office = try? OfficeCode(raw), try await store.office(office) != nil else {
            throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: raw, field: "code")
        }
        return Self.text(page, type: "text/html; charset=utf-8")
    }
}

import Foundation
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// The hall's pages of an office: the display board (reads the office from the address, loads
/// `GET /api/v1/offices/{code}/queue` and follows the board feed's WebSocket) and the ticket kiosk
/// (issues tickets and prints them for an 80 mm ticket printer). Static pages and their scripts.
struct BoardController: Sendable {
    let page: String
    let script: String
    let stylesheet: String
    let kiosk: String
    let kioskScript: String
    let kioskStylesheet: String
    let store: any Store

    init(store: any Store) throws {
        page = try BundledAsset.text("board.html")
        script = try BundledAsset.text("board.js")
        stylesheet = try BundledAsset.text("board.css")
        kiosk = try BundledAsset.text("kiosk.html")
        kioskScript = try BundledAsset.text("kiosk.js")
        kioskStylesheet = try BundledAsset.text("kiosk.css")
        self.store = store
    }

    func register(on routes: RouteTable) {
        routes.get("/offices/{code}/board", policy: .everyone) { request, context in try await page(page, context) }
        routes.get("/offices/{code}/kiosk", policy: .everyone) { request, context in try await page(kiosk, context) }
        routes.get("/assets/kiosk.js", policy: .everyone) { _, _ in Self.text(kioskScript, type: "text/javascript; charset=utf-8") }
        routes.get("/assets/kiosk.css", policy: .everyone) { _, _ in Self.text(kioskStylesheet, type: "text/css; charset=utf-8") }
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

    /// A hall page of a known office (404 for an unknown one).
    func page(_ html: String, _ context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let office = try? OfficeCode(raw), try await store.office(office) != nil else {
            throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: raw, field: "code")
        }
        return Self.text(html, type: "text/html; charset=utf-8")
    }
}

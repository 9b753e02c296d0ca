import Foundation
import Hummingbird
import NIOCore
import PASCDomain

/// `/openapi.json`: the OpenAPI 3.1 document of every route, shipped as a resource and kept in
/// step with the router by a test.
struct OpenAPIController: Sendable {
    let document: ByteBuffer

    init() throws {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw HTTPError(.internalServerError, message: "openapi.json is missing from the bundle")
        }
        document = ByteBuffer(bytes: try Data(contentsOf: url))
    }

    func register(on routes: RouteTable) {
        let document = document
        routes.get("/openapi.json", policy: .everyone) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: document))
        }
    }
}

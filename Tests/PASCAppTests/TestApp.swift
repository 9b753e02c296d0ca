import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PASCApp
import PASCCore
import PASCStore
import PASCTestSupport
import Testing

/// Builds the real application over a fresh, seeded store and hands a test client to `body`.
func withDemoApp(_ backend: TestDatabases.Backend = .sqlite, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await TestDatabases.withStore(backend) { store in
        #expect(try await store.seedIfEmpty(Fixtures.demo))
        let app = Application(router: try buildRouter(store: store, clock: Fixtures.clock), logger: WholeRunLog.serverLogger())
        try await app.test(.router, body)
    }
}

extension TestResponse {
    /// The body decoded as a JSON object.
    var json: [String: Any] {
        get throws {
            let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
            return try #require(object as? [String: Any], "not a JSON object: \(String(buffer: body))")
        }
    }

    /// The `items` of a list answer.
    var items: [[String: Any]] {
        get throws { try #require(try json["items"] as? [[String: Any]]) }
    }

    /// The `field` of each entry of a problem's `errors`.
    var errorFields: [String] {
        get throws { ((try json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } }
    }
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get)
    }

    func get(_ uri: String, headers: HTTPFields) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

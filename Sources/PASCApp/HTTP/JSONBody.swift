import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses with one encoder setup: sorted keys (stable output for tests and diffs).
enum JSONBody {
    /// The encoded bytes, with the same settings as every answer.
    static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func response(
        _ value: some Encodable,
        status: HTTPResponse.Status = .ok,
        contentType: String = "application/json; charset=utf-8"
    ) throws -> Response {
        let data = try Self.data(value)
        return Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// The list envelope every collection route answers with.
struct PageBody<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
    /// Pass as `cursor` to get the next page; null on the last page.
    @ExplicitNull var nextCursor: String?

    init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// An optional that encodes as `null` instead of disappearing, so clients see every field the
/// OpenAPI document promises.
@propertyWrapper
struct ExplicitNull<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
    }
}

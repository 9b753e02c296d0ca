import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses with one encoder setup: sorted keys (stable output for tests and diffs).
enum JSONBody {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
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
    let nextCursor: String?
}

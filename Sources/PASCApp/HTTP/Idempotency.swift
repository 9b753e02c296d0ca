import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// `Idempotency-Key` for creating requests: the same key from the same caller on the same route
/// gets the first answer again (never a second dossier); the same key with another body gets 422.
/// Keys are kept 24 hours in the database, so a retry reaching another server is answered the same.
struct Idempotency: Sendable {
    let store: any IdempotencyStore
    let clock: any Clock

    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    static let maximumAgeSeconds = 24 * 3600

    /// Runs `work` with the request's body once per key. `stored` turns the answer into what is kept
    /// for replays (a receipt's access secret is not kept: it is shown once).
    func run(
        _ request: Request,
        context: PASCRequestContext,
        route: String,
        maximumBodyBytes: Int = JSONInput.maximumBytes,
        stored: @Sendable (Data) -> Data = { $0 },
        work: (Request) async throws -> (HTTPResponse.Status, Data)
    ) async throws -> Response {
        guard let key = request.headers[Self.header] else {
            let (status, data) = try await work(request)
            return Self.response(status, data)
        }
        guard (1...200).contains(key.count), key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F }) else {
            throw Problem.invalid([
                ValidationError(
                    field: "Idempotency-Key",
                    message: "Idempotency-Key gồm 1 đến 200 ký tự ASCII in được, không có khoảng trắng.",
                    messageEn: "Idempotency-Key must be 1 to 200 printable ASCII characters without spaces."
                )
            ])
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBodyBytes)
        } catch {
            throw JSONInput.tooLarge(maximumBodyBytes)
        }
        var replayable = request
        replayable.body = RequestBody(buffer: buffer)
        let hash = SHA256.hash(data: Data(buffer.readableBytesView)).map { String(format: "%02x", $0) }.joined()
        let scope = "\(route)|\(context.member?.username ?? "anonymous")|\(request.uri.path)"
        let now = Int(clock.now().timeIntervalSince1970)
        switch try await store.claimIdempotencyKey(
            scope: scope,
            key: key,
            requestHash: hash,
            nowEpoch: now,
            maximumAgeSeconds: Self.maximumAgeSeconds
        ) {
        case .answered(let status, let body):
            var response = Self.response(HTTPResponse.Status(code: status), Data(body.utf8))
            response.headers[Self.replayedHeader] = "true"
            return response
        case .differentRequest:
            throw Problem(
                type: "/problems/idempotency-key-reused",
                title: "Unprocessable Content",
                status: .unprocessableContent,
                detail: "Idempotency-Key này đã dùng cho một yêu cầu khác; hãy dùng khoá mới.",
                detailEn: "This Idempotency-Key was used for a different request; use a new key."
            )
        case .inProgress:
            throw Problem(
                type: "/problems/idempotency-in-progress",
                title: "Conflict",
                status: .conflict,
                detail: "Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau giây lát.",
                detailEn: "A request with this Idempotency-Key is still being handled; retry in a moment."
            )
        case .claimed:
            do {
                let (status, data) = try await work(replayable)
                try await store.completeIdempotencyKey(
                    scope: scope,
                    key: key,
                    status: Int(status.code),
                    body: String(decoding: stored(data), as: UTF8.self)
                )
                return Self.response(status, data)
            } catch {
                // A refused or failed request may be corrected and retried with the same key.
                try? await store.releaseIdempotencyKey(scope: scope, key: key)
                throw error
            }
        }
    }

    /// A handler's answer as status and bytes, to keep for replays.
    static func collect(_ response: Response) async throws -> (HTTPResponse.Status, Data) {
        let sink = Sink()
        try await response.body.write(CollectingWriter(sink: sink))
        return (response.status, Data(sink.buffer.readableBytesView))
    }

    /// Where the writer puts the bytes (the writer itself is consumed by the body).
    final class Sink: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    struct CollectingWriter: ResponseBodyWriter {
        let sink: Sink
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            sink.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    static func response(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

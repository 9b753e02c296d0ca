import Foundation
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// Reads JSON request bodies with a size limit and an error that names what was wrong.
enum JSONInput {
    /// JSON bodies larger than this are refused with 413 (uploads have their own limit).
    static let maximumBytes = 64 * 1024
    /// No PASC body nests deeper; a deeper one is an attack on the parser, refused before parsing.
    static let maximumDepth = 16

    /// The deepest nesting of objects and arrays, counted outside strings.
    static func nestingDepth(of data: Data) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    static func tooLarge(_ maximumBytes: Int = maximumBytes) -> Problem {
        Problem(
            type: "/problems/too-large",
            title: "Content Too Large",
            status: .contentTooLarge,
            detail: "Nội dung gửi lên vượt quá \(maximumBytes / 1024) KiB.",
            detailEn: "The request body is larger than \(maximumBytes / 1024) KiB."
        )
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw tooLarge()
        }
        let data = Data(buffer.readableBytesView)
        guard nestingDepth(of: data) <= maximumDepth else {
            throw Problem.invalid([
                ValidationError(
                    field: "body",
                    message: "JSON lồng nhau quá \(maximumDepth) cấp.",
                    messageEn: "The JSON is nested deeper than \(maximumDepth) levels."
                )
            ])
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw Problem.invalid([
                ValidationError(
                    field: "/\(key.stringValue)",
                    message: "Thiếu trường \(key.stringValue).",
                    messageEn: "\(key.stringValue) is required."
                )
            ])
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = "/" + context.codingPath.map(\.stringValue).joined(separator: "/")
            throw Problem.invalid([ValidationError(field: field, message: "Kiểu dữ liệu không đúng.", messageEn: "Wrong type of value.")])
        } catch {
            throw Problem.invalid([
                ValidationError(field: "body", message: "Nội dung không phải JSON hợp lệ.", messageEn: "The body is not valid JSON.")
            ])
        }
    }
}

extension Problem {
    /// 429 with the wait, which the middleware also sends as `Retry-After`.
    static func throttled(_ refused: Throttle.Refused) -> Problem {
        var problem = Problem(
            type: "/problems/too-many-requests",
            title: "Too Many Requests",
            status: .tooManyRequests,
            detail: refused.message,
            detailEn: refused.messageEn
        )
        problem.retryAfterSeconds = refused.retryAfterSeconds
        return problem
    }

    static func tooManyRequests(retryAfterSeconds: Int) -> Problem {
        var problem = Problem(
            type: "/problems/too-many-requests",
            title: "Too Many Requests",
            status: .tooManyRequests,
            detail: "Quá nhiều lần thử; hãy thử lại sau \(retryAfterSeconds) giây.",
            detailEn: "Too many attempts; try again in \(retryAfterSeconds) seconds."
        )
        problem.retryAfterSeconds = retryAfterSeconds
        return problem
    }
}

import Foundation
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain

/// A submitted HTML form: its fields (NFC, as typed) and its files. Both encodings browsers send
/// are read: `application/x-www-form-urlencoded` and `multipart/form-data` (scans).
///
/// Pages post with the session cookie but cannot set the API's `X-CSRF-Token` header, so a
/// page form carries the token in its `csrf` field and every page handler reads its body here,
/// where the token is checked before any field is looked at.
struct PageForm: Sendable {
    struct File: Sendable {
        let field: String
        let filename: String
        let bytes: Data
    }

    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [File] = []

    /// The session's anti-forgery token is missing or wrong: the page signs the user in again.
    struct ForgedOrExpired: Error {}

    /// The first value of a field, trimmed; nil when absent or empty.
    func value(_ name: String) -> String? {
        guard let raw = fields[name]?.first else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Every non-empty value of a repeated field (checkboxes).
    func values(_ name: String) -> [String] {
        (fields[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Reads the request's form and checks the anti-forgery token of a session.
    static func read(_ request: Request, context: PASCRequestContext, maximumBytes: Int = 64 * 1024) async throws -> PageForm {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw JSONInput.tooLarge(maximumBytes)
        }
        let type = request.headers[.contentType] ?? ""
        var form = PageForm()
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = MultipartBody.parameter("boundary", of: type) else { throw unreadable }
            try form.readMultipart(buffer, boundary: boundary)
        } else {
            form.readURLEncoded(String(buffer: buffer))
        }
        if case .session(let csrfHash) = context.credential {
            let sent = form.value("csrf") ?? ""
            guard AccessSecret.constantTimeEquals(Array(SHA256SecretHasher().digest(sent).utf8), Array(csrfHash.utf8)) else {
                throw ForgedOrExpired()
            }
        }
        return form
    }

    /// A multipart body that does not parse.
    static let unreadable = Problem(
        type: "/problems/form",
        title: "Bad Request",
        status: .badRequest,
        detail: "Nội dung biểu mẫu gửi lên không đọc được (multipart/form-data hỏng).",
        detailEn: "The form's body could not be read (malformed multipart/form-data)."
    )

    mutating func add(_ name: String, _ value: String) {
        fields[TextFolding.normalize(name), default: []].append(TextFolding.normalize(value))
    }

    mutating func readURLEncoded(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            add(decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    mutating func readMultipart(_ buffer: ByteBuffer, boundary: String) throws {
        let parts: [MultipartBody.Part]
        do {
            parts = try MultipartBody.parts(Array(buffer.readableBytesView), boundary: boundary)
        } catch {
            throw Self.unreadable
        }
        for part in parts {
            guard let name = part.disposition("name") else { continue }
            if let filename = part.disposition("filename") {
                if !part.body.isEmpty { files.append(File(field: name, filename: TextFolding.normalize(filename), bytes: Data(part.body))) }
            } else {
                add(name, String(decoding: part.body, as: UTF8.self))
            }
        }
    }
}

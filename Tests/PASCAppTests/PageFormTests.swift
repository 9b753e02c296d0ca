import Foundation
import Testing

@testable import PASCApp

/// The multipart reader of the pages' forms: what browsers send is read whole, and any other
/// input ends (a parser that looped on a part without headers once froze the server).
@Suite("Page forms: multipart bodies")
struct PageFormTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func aBrowsersBodyIsReadFieldsAndFiles() throws {
        let body =
            "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nĐỗ Thị\r\nHai dòng\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"scans\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--X\r\n"
            + "--XyZ--\r\nepilogue"
        let parts = try MultipartBody.parts(Self.bytes(body), boundary: "XyZ")
        #expect(parts.count == 2)
        #expect(parts[0].disposition("name") == "name" && String(decoding: parts[0].body, as: UTF8.self) == "Đỗ Thị\r\nHai dòng")
        #expect(parts[1].disposition("filename") == "a.pdf" && String(decoding: parts[1].body, as: UTF8.self) == "%PDF-1.4\r\n--X")
        #expect(parts[1].headers["content-type"] == "application/pdf")
    }

    @Test func malformedBodiesAreRefusedNotLoopedOn() {
        let boundary = "96e1abb44b323a1ff83798c4eff78851"
        // What the fuzzing run sent when the old parser never returned: a part without headers.
        var found = Self.bytes("--\(boundary)\r\n")
        found += [0xF3, 0x9F, 0xA2, 0xA4] + Self.bytes("åê8--\(boundary)--\r\n")
        for body in [
            found, Self.bytes("--\(boundary)--\r\n"), Self.bytes("no delimiter at all"), Self.bytes("--\(boundary)"),
            Self.bytes("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing delimiter"),
            Self.bytes("--\(boundary)\r\nno colon here\r\n\r\nx\r\n--\(boundary)--"),
        ] {
            let parts = try? MultipartBody.parts(body, boundary: boundary)
            #expect(parts == nil || parts!.isEmpty, "\(String(decoding: body, as: UTF8.self))")
        }
        #expect(throws: MultipartBody.Malformed.self) { try MultipartBody.parts(found, boundary: boundary) }
    }

    @Test(.timeLimit(.minutes(1))) func randomBodiesAlwaysEnd() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["--b", "\r\n", "\r\n\r\n", "Content-Disposition: form-data; name=\"x\"", "--", "b", ":", "v", " ", "\u{0}"]
        var ended = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            _ = try? MultipartBody.parts(Self.bytes(text), boundary: "b")
            ended += 1
        }
        #expect(ended == 3_000)
    }
}

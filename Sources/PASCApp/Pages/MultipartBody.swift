import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578), read in one forward pass over the bytes.
///
/// Written here rather than taken from a package: the parser PASC first used (vapor/multipart-kit
/// 4.7.1) never returned on a part without a header block, which froze the server — found by the
/// fuzzing run. Every step below moves forward or throws, so any input ends.
enum MultipartBody {
    struct Part {
        /// Header names lower-cased.
        let headers: [String: String]
        let body: ArraySlice<UInt8>

        /// A `Content-Disposition` parameter (`name`, `filename`), quotes removed.
        func disposition(_ key: String) -> String? {
            headers["content-disposition"].flatMap { MultipartBody.parameter(key, of: $0) }
        }
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, of header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    struct Malformed: Error, Equatable {}

    static let crlf: [UInt8] = [13, 10]

    static func parts(_ body: [UInt8], boundary: String) throws(Malformed) -> [Part] {
        guard !boundary.isEmpty, boundary.utf8.count <= 200 else { throw Malformed() }
        let delimiter = Array("--\(boundary)".utf8)
        // The first delimiter may follow a preamble; later ones follow a line break.
        guard var index = find(delimiter, in: body, from: 0) else { throw Malformed() }
        var parts: [Part] = []
        let separator = crlf + delimiter
        while true {
            index += delimiter.count
            if body[index...].starts(with: [45, 45]) { return parts }  // "--": the closing delimiter
            // Transport padding (spaces, tabs) may follow the delimiter, then its line break.
            while index < body.count, body[index] == 32 || body[index] == 9 { index += 1 }
            guard body[index...].starts(with: crlf) else { throw Malformed() }
            index += 2
            guard let headerEnd = find(crlf + crlf, in: body, from: index) else { throw Malformed() }
            let headers = try Self.headers(body[index..<headerEnd])
            let start = headerEnd + 4
            guard let end = find(separator, in: body, from: start) else { throw Malformed() }
            parts.append(Part(headers: headers, body: body[start..<end]))
            index = end + 2
        }
    }

    static func headers(_ block: ArraySlice<UInt8>) throws(Malformed) -> [String: String] {
        var headers: [String: String] = [:]
        guard !block.isEmpty else { return headers }
        guard let text = String(bytes: block, encoding: .utf8) else { throw Malformed() }
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw Malformed() }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// The first index at or after `start` where `needle` begins.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

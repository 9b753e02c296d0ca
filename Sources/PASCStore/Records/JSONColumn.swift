import Foundation

/// Lists stored as JSON text, readable by both databases without array types.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        // Most events carry no attachments and no details: skip the decoder for the empty forms.
        if text == "[]", let empty = [String]() as? T { return empty }
        if text == "{}", let empty = [String: String]() as? T { return empty }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A stored value that no longer makes a valid domain value (edited by hand, or a bug).
struct CorruptRecord: Error, CustomStringConvertible {
    let table: String
    let key: String
    let reason: String
    var description: String { "stored \(table) row \(key) is not valid: \(reason)" }
}

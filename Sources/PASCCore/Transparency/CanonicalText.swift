/// The one way a log entry is written as bytes: a JSON object whose keys come in the order the
/// entry lists them, no spaces, and only `"`, `\` and control characters escaped. Written by hand
/// because a leaf's bytes are signed for ever: a JSON encoder's choices (key order, escaping of
/// `/` or of non-ASCII text) may change between platforms and releases; these may not.
public enum CanonicalValue: Hashable, Sendable {
    case text(String)
    case number(Int)
    case null
    case list([String])
    /// Written with its keys sorted by their UTF-8 bytes.
    case map([String: String])
}

public enum CanonicalText {
    public static func encode(_ fields: [(String, CanonicalValue)]) -> String {
        var out = "{"
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { out += "," }
            out += quoted(key) + ":" + encode(value)
        }
        return out + "}"
    }

    static func encode(_ value: CanonicalValue) -> String {
        switch value {
        case .text(let text): quoted(text)
        case .number(let number): String(number)
        case .null: "null"
        case .list(let items): "[" + items.map(quoted).joined(separator: ",") + "]"
        case .map(let map):
            "{"
                + map.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }.map { quoted($0.key) + ":" + quoted($0.value) }
                .joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

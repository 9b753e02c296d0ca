/// JSON written by hand, for an answer on a hot path where `JSONEncoder` was the largest cost
/// (the public tracking view). It must give the same bytes as ``JSONBody`` (keys sorted by the
/// caller, slashes unescaped): `JSONTextTests` compare the two on real views.
struct JSONText {
    private(set) var bytes: [UInt8] = []
    /// No comma before the next value: at the start of a container, or right after a key.
    private var first = true

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        first = true
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    mutating func key(_ key: String) {
        separate()
        escaped(key)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    mutating func string(_ value: String?) {
        separate()
        if let value { escaped(value) } else { bytes += "null".utf8 }
    }

    mutating func int(_ value: Int) {
        separate()
        bytes += String(value).utf8
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes += (value ? "true" : "false").utf8
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A string-to-string object, keys in byte order as `JSONEncoder`'s `.sortedKeys` puts them.
    mutating func object(_ dictionary: [String: String]) {
        beginObject()
        for (name, value) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) { field(name, value) }
        endObject()
    }

    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func escaped(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += #"\""#.utf8
            case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
            case 0x08: bytes += #"\b"#.utf8
            case 0x0C: bytes += #"\f"#.utf8
            case 0x0A: bytes += #"\n"#.utf8
            case 0x0D: bytes += #"\r"#.utf8
            case 0x09: bytes += #"\t"#.utf8
            case ..<0x20: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

import Foundation
import Hummingbird
import PASCDomain

/// A JSON request body whose members are a closed set: a misspelt member (`"countrs": 6`) is
/// refused with its name instead of being silently ignored, which matters most for partial updates.
protocol StrictJSONBody: Decodable {
    associatedtype Member: CodingKey & CaseIterable
}

extension JSONInput {
    static func decodeStrict<T: StrictJSONBody>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let value = try await decode(RawObject.self, from: request, context: context)
        let allowed = Set(T.Member.allCases.map(\.stringValue))
        let unknown = value.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            let list = allowed.sorted().joined(separator: ", ")
            throw Problem.invalid(
                unknown.map {
                    ValidationError(
                        field: "/\($0)",
                        message: "Trường '\($0)' không được chấp nhận; các trường hợp lệ: \(list).",
                        messageEn: "Unknown member '\($0)'; the members allowed are: \(list)."
                    )
                }
            )
        }
        do {
            return try JSONDecoder().decode(T.self, from: value.data)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: "/")
            throw Problem.invalid([
                ValidationError(field: "/\(path)", message: "Thiếu trường \(key.stringValue).", messageEn: "\(key.stringValue) is required.")
            ])
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = "/" + context.codingPath.map(\.stringValue).joined(separator: "/")
            throw Problem.invalid([ValidationError(field: field, message: "Kiểu dữ liệu không đúng.", messageEn: "Wrong type of value.")])
        } catch let DecodingError.dataCorrupted(context) {
            let field = "/" + context.codingPath.map(\.stringValue).joined(separator: "/")
            throw Problem.invalid([ValidationError(field: field, message: "Giá trị không hợp lệ.", messageEn: "Invalid value.")])
        }
    }

    /// A JSON object kept as its bytes, with its member names for the check above.
    struct RawObject: Decodable {
        let keys: [String]
        let data: Data

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            keys = container.allKeys.map(\.stringValue)
            // Re-encoding is cheaper to reason about than a second pass over the request body.
            var object: [String: JSONValue] = [:]
            for key in container.allKeys { object[key.stringValue] = try container.decode(JSONValue.self, forKey: key) }
            data = try JSONEncoder().encode(object)
        }
    }
}

/// Any JSON value, to carry a body from one decoding pass to the next.
enum JSONValue: Codable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let value = try? single.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try single.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .null: try single.encodeNil()
        case .bool(let value): try single.encode(value)
        case .number(let value): try single.encode(value)
        case .integer(let value): try single.encode(value)
        case .string(let value): try single.encode(value)
        case .array(let value): try single.encode(value)
        case .object(let value): try single.encode(value)
        }
    }
}

/// A member of a partial update that may be absent (unchanged), `null` (cleared) or a value.
enum PatchValue<Value: Decodable & Sendable>: Sendable {
    case absent, null
    case value(Value)
}

extension KeyedDecodingContainer {
    func patch<Value: Decodable & Sendable>(_ type: Value.Type, forKey key: Key) throws -> PatchValue<Value> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Value.self, forKey: key))
    }
}

/// Collects every field error of a body, so one answer lists them all.
struct FieldErrors {
    private(set) var list: [ValidationError] = []

    /// Runs a parse; on failure records its error under `pointer` and returns nil.
    mutating func read<T>(_ pointer: String, _ parse: () throws(ValidationError) -> T) -> T? {
        do throws(ValidationError) {
            return try parse()
        } catch {
            list.append(ValidationError(field: pointer, message: error.message, messageEn: error.messageEn))
            return nil
        }
    }

    /// Like ``read(_:_:)``, keeping the error's own field under `prefix` (`/location/latitude`).
    mutating func read<T>(under prefix: String, _ parse: () throws(ValidationError) -> T) -> T? {
        do throws(ValidationError) {
            return try parse()
        } catch {
            list.append(ValidationError(field: prefix + "/" + error.field, message: error.message, messageEn: error.messageEn))
            return nil
        }
    }

    /// Runs a parse that reports several fields; each error's field goes under `prefix`.
    mutating func readAll<T>(under prefix: String, _ parse: () throws(ValidationErrors) -> T) -> T? {
        do throws(ValidationErrors) {
            return try parse()
        } catch {
            list.append(
                contentsOf: error.errors.map { ValidationError(field: prefix + "/" + $0.field, message: $0.message, messageEn: $0.messageEn) }
            )
            return nil
        }
    }

    mutating func add(_ error: ValidationError) { list.append(error) }

    /// Reads an enumerated value, naming the allowed ones when it is not one of them.
    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ pointer: String, _ raw: String, _: E.Type) -> E? where E.RawValue == String {
        if let value = E(rawValue: raw) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        list.append(
            ValidationError(
                field: pointer,
                message: "Giá trị '\(raw)' không hợp lệ; dùng một trong: \(allowed).",
                messageEn: "'\(raw)' is not allowed; use one of: \(allowed)."
            )
        )
        return nil
    }

    func check() throws {
        guard list.isEmpty else { throw Problem.invalid(list) }
    }
}

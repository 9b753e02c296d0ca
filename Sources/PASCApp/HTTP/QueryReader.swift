import Hummingbird
import PASCCore
import PASCDomain

/// Reads and checks query parameters, collecting every problem so one 400 lists them all.
///
/// Unknown parameters are refused with the list of allowed ones: a typo such as `levl=branch`
/// silently ignored would return the wrong list without anyone noticing.
struct QueryReader {
    private var values: [String: String] = [:]
    var errors: [ValidationError] = []

    init(_ request: Request, allowed: [String]) {
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            values[name] = String(value)
            if !allowed.contains(name) {
                errors.append(
                    ValidationError(
                        field: name,
                        message: "Tham số '\(name)' không được hỗ trợ; các tham số hợp lệ: \(allowed.joined(separator: ", ")).",
                        messageEn: "Unknown parameter '\(name)'; allowed: \(allowed.joined(separator: ", "))."
                    )
                )
            }
        }
    }

    /// The parameter's text in NFC, nil when absent or empty. Control characters (a NUL byte, say)
    /// are refused: no field of PASC contains them, and databases disagree on what to do with them.
    mutating func string(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            values[name] = nil
            errors.append(
                ValidationError(
                    field: name,
                    message: "'\(name)' chứa ký tự điều khiển, không được phép.",
                    messageEn: "'\(name)' contains control characters, which are not allowed."
                )
            )
            return nil
        }
        return TextFolding.normalize(value)
    }

    mutating func enumValue<E: CaseIterable & RawRepresentable>(_ name: String, _: E.Type) -> E? where E.RawValue == String {
        guard let raw = string(name) else { return nil }
        if let value = E(rawValue: raw) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        errors.append(
            ValidationError(
                field: name,
                message: "Giá trị '\(raw)' của '\(name)' không hợp lệ; dùng một trong: \(allowed).",
                messageEn: "'\(raw)' is not a valid \(name); use one of: \(allowed)."
            )
        )
        return nil
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let raw = string(name) else { return nil }
        switch raw.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            errors.append(
                ValidationError(
                    field: name,
                    message: "'\(name)' phải là true hoặc false, nhận được '\(raw)'.",
                    messageEn: "'\(name)' must be true or false, got '\(raw)'."
                )
            )
            return nil
        }
    }

    mutating func coordinate(_ name: String) -> Coordinate? {
        guard let raw = string(name) else { return nil }
        do {
            return try Coordinate.parse(raw, field: name)
        } catch {
            errors.append(error)
            return nil
        }
    }

    mutating func officeCode(_ name: String) -> OfficeCode? {
        guard let raw = string(name) else { return nil }
        do {
            return try OfficeCode(raw)
        } catch {
            errors.append(ValidationError(field: name, message: error.message, messageEn: error.messageEn))
            return nil
        }
    }

    mutating func procedureCode(_ name: String) -> ProcedureCode? {
        guard let raw = string(name) else { return nil }
        do {
            return try ProcedureCode(raw)
        } catch {
            errors.append(ValidationError(field: name, message: error.message, messageEn: error.messageEn))
            return nil
        }
    }

    /// A month `YYYY-MM`, nil when absent.
    mutating func month(_ name: String) -> String? {
        guard let text = string(name) else { return nil }
        if text.wholeMatch(of: /\d{4}-(0[1-9]|1[0-2])/) != nil { return text }
        errors.append(
            ValidationError(
                field: name,
                message: "'\(name)' có dạng YYYY-MM, nhận được '\(text)'.",
                messageEn: "'\(name)' is YYYY-MM, got '\(text)'."
            )
        )
        return nil
    }

    /// `limit` (1…1000, default 100) and `cursor` (an opaque token from a previous page).
    mutating func page() -> PageRequest {
        var limit = PageRequest.defaultLimit
        if let raw = string("limit") {
            if let value = Int(raw), (1...PageRequest.maximumLimit).contains(value) {
                limit = value
            } else {
                errors.append(
                    ValidationError(
                        field: "limit",
                        message: "'limit' phải là số nguyên từ 1 đến \(PageRequest.maximumLimit), nhận được '\(raw)'.",
                        messageEn: "'limit' must be a whole number from 1 to \(PageRequest.maximumLimit), got '\(raw)'."
                    )
                )
            }
        }
        var cursor: Cursor?
        if let raw = string("cursor") {
            cursor = Cursor(token: raw)
            if cursor == nil {
                errors.append(
                    ValidationError(
                        field: "cursor",
                        message: "'cursor' không hợp lệ; hãy dùng giá trị nextCursor của trang trước.",
                        messageEn: "'cursor' is not valid; pass the nextCursor value of the previous page."
                    )
                )
            }
        }
        return PageRequest(limit: limit, cursor: cursor)
    }

    /// Refuses a cursor made by the other ordering: a code cursor on a distance list or the reverse,
    /// which would otherwise restart the list and let a client loop for ever.
    mutating func requireCursorKind(_ page: PageRequest, distanceOrdered: Bool) {
        switch (page.cursor, distanceOrdered) {
        case (.after, true), (.offset, false):
            errors.append(
                ValidationError(
                    field: "cursor",
                    message: "'cursor' này thuộc một danh sách khác; hãy dùng nextCursor của cùng truy vấn.",
                    messageEn: "This cursor belongs to a different listing; pass the nextCursor of the same query."
                )
            )
        default:
            break
        }
    }

    /// A whole number within `range`, nil when absent.
    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let raw = string(name) else { return nil }
        if let value = Int(raw), range.contains(value) { return value }
        errors.append(
            ValidationError(
                field: name,
                message: "'\(name)' phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound), nhận được '\(raw)'.",
                messageEn: "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(raw)'."
            )
        )
        return nil
    }

    /// A calendar day `YYYY-MM-DD`, nil when absent.
    mutating func date(_ name: String) -> LocalDate? {
        guard let raw = string(name) else { return nil }
        do {
            return try LocalDate(iso: raw)
        } catch {
            errors.append(ValidationError(field: name, message: error.message, messageEn: error.messageEn))
            return nil
        }
    }

    /// Refuses a cursor this listing did not make.
    mutating func refuseCursor() {
        errors.append(
            ValidationError(
                field: "cursor",
                message: "'cursor' này thuộc một danh sách khác; hãy dùng nextCursor của cùng truy vấn.",
                messageEn: "This cursor belongs to a different listing; pass the nextCursor of the same query."
            )
        )
    }

    /// Refuses a cursor that is not one of a list ordered by record number (newest first).
    mutating func requireNumberedCursor(_ page: PageRequest) {
        switch page.cursor {
        case .none: break
        case .after(let key) where Int(key) != nil: break
        default:
            errors.append(
                ValidationError(
                    field: "cursor",
                    message: "'cursor' này thuộc một danh sách khác; hãy dùng nextCursor của cùng truy vấn.",
                    messageEn: "This cursor belongs to a different listing; pass the nextCursor of the same query."
                )
            )
        }
    }

    /// Throws a 400 problem listing every collected error.
    func finish() throws {
        if !errors.isEmpty { throw Problem.invalid(errors) }
    }
}

import Foundation
import PASCDomain

/// The Binh Duong pilot network and the procedure catalog, read from the CSV files shipped in
/// `Resources/demo` (copies of `shared/data` plus the derived files `scripts/derive-demo.py` writes).
public enum DemoDataset {
    /// The folder holding the demo files inside the built bundle.
    public static var directory: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "demo", withExtension: nil) else {
                throw ConfigurationError("the demo data folder is missing from the PASCCore bundle")
            }
            return url
        }
    }

    /// Loads and validates the whole dataset; any bad row fails with its file, line and reason.
    public static func load() throws -> NetworkDataset {
        let dir = try directory
        func table(_ name: String) throws -> CSVTable {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            do { return try CSVTable(text: text) } catch { throw DemoDataError(file: name, line: error.line, reason: error.reason) }
        }
        let offices = try DemoOfficeRows.parse(table("offices.csv"))
        let units = try DemoUnitRows.parse(table("units.csv"), offices: offices)
        let agencies = try DemoAgencyRows.parse(table("agencies.csv"))
        let procedures = try DemoProcedureRows.parse(catalog: table("procedures.csv"), rules: table("procedure-rules.csv"))
        return NetworkDataset(offices: offices, units: units, agencies: agencies, procedures: procedures)
    }
}

/// A demo file row that does not make a valid domain value.
public struct DemoDataError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file) line \(line): \(reason)" }
}

/// Runs a row's conversion and names the file and line when it fails.
func rowContext<T>(_ file: String, _ index: Int, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DemoDataError {
        throw error
    } catch {
        throw DemoDataError(file: file, line: index + 2, reason: "\(error)")
    }
}

extension Dictionary where Key == String, Value == String {
    /// The value of a column that must be present and not empty.
    func required(_ column: String) throws -> String {
        guard let value = self[column], !value.isEmpty else {
            throw ValidationError(field: column, message: "Thiếu giá trị cột \(column).", messageEn: "column \(column) is empty")
        }
        return value
    }

    /// The value of a column, nil when empty.
    func optional(_ column: String) -> String? {
        guard let value = self[column], !value.isEmpty else { return nil }
        return value
    }

    func requiredEnum<E: RawRepresentable>(_ column: String, _: E.Type) throws -> E where E.RawValue == String {
        let raw = try required(column)
        guard let value = E(rawValue: raw) else {
            throw ValidationError(field: column, message: "Giá trị '\(raw)' không hợp lệ.", messageEn: "'\(raw)' is not a valid \(column)")
        }
        return value
    }

    func requiredInt(_ column: String) throws -> Int {
        let raw = try required(column)
        guard let value = Int(raw) else {
            throw ValidationError(field: column, message: "'\(raw)' không phải số nguyên.", messageEn: "'\(raw)' is not a whole number")
        }
        return value
    }

    func requiredDouble(_ column: String) throws -> Double {
        let raw = try required(column)
        guard let value = Double(raw) else {
            throw ValidationError(field: column, message: "'\(raw)' không phải số.", messageEn: "'\(raw)' is not a number")
        }
        return value
    }

    func yesNo(_ column: String) throws -> Bool {
        switch try required(column) {
        case "yes": return true
        case "no": return false
        case let other: throw ValidationError(field: column, message: "'\(other)' phải là yes hoặc no.", messageEn: "'\(other)' must be yes or no")
        }
    }
}

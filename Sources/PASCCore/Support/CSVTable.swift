import Foundation

/// A CSV file read into rows keyed by header (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
///
/// The demo data and the location import are small CSV files; reading them needs no package.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [[String: String]]

    public init(text: String) throws(CSVError) {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var afterQuote = false
        var line = 1
        for scalar in text.unicodeScalars {
            let c = Character(scalar)
            if inQuotes {
                if c == "\"" {
                    inQuotes = false
                    afterQuote = true
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch c {
            case "\"":
                if afterQuote {
                    field.append("\"")
                    inQuotes = true
                    afterQuote = false
                } else if field.isEmpty {
                    inQuotes = true
                } else {
                    throw CSVError(line: line, reason: "a quote inside an unquoted field")
                }
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
            case "\n", "\r\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                afterQuote = false
                line += 1
            case "\r":
                continue
            default:
                if afterQuote { throw CSVError(line: line, reason: "text after a closing quote") }
                field.append(c)
            }
        }
        if inQuotes { throw CSVError(line: line, reason: "a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        records.removeAll { $0 == [""] }
        guard let header = records.first else { throw CSVError(line: 1, reason: "the file is empty; a header row is needed") }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "") }
        if let duplicate = Dictionary(grouping: self.header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw CSVError(line: 1, reason: "the column '\(duplicate)' appears twice in the header")
        }
        var rows: [[String: String]] = []
        for (index, values) in records.dropFirst().enumerated() {
            guard values.count == header.count else {
                throw CSVError(line: index + 2, reason: "\(values.count) fields where the header has \(header.count)")
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(self.header, values)))
        }
        self.rows = rows
    }

    /// Throws unless every named column is in the header.
    public func require(columns: [String]) throws(CSVError) {
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw CSVError(
                line: 1,
                reason: "missing column(s) \(missing.joined(separator: ", ")); the header must have \(columns.joined(separator: ","))"
            )
        }
    }
}

/// A CSV file that cannot be read, with the line at fault.
public struct CSVError: Error, Equatable, CustomStringConvertible, Sendable {
    public let line: Int
    public let reason: String
    public var description: String { "line \(line): \(reason)" }
}

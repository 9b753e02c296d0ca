/// A dossier's code (mã hồ sơ), given at acceptance only:
/// `<receiving office's code>-<YYMMDD>-<4-digit daily sequence of that office>`,
/// e.g. `000.00.12.H56-260915-0042`. The sequence restarts each day at `0001`.
public struct DossierCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let office: OfficeCode
    public let date: LocalDate
    public let sequence: Int

    public init(office: OfficeCode, date: LocalDate, sequence: Int) throws(ValidationError) {
        guard (1...9999).contains(sequence), (2000...2099).contains(date.year) else {
            throw ValidationError(
                field: "code",
                message: "Số thứ tự trong ngày phải từ 0001 đến 9999 (năm 2000–2099).",
                messageEn: "The daily sequence must be from 0001 to 9999 (years 2000–2099)."
            )
        }
        self.office = office
        self.date = date
        self.sequence = sequence
    }

    /// Parses `000.00.12.H56-260915-0042`.
    public init(_ text: String) throws(ValidationError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let bad = ValidationError(
            field: "code",
            message: "Mã hồ sơ '\(text)' không đúng dạng <mã đơn vị>-<YYMMDD>-<4 chữ số>.",
            messageEn: "Dossier code '\(text)' is not <office code>-<YYMMDD>-<4 digits>."
        )
        guard parts.count == 3, parts[1].count == 6, parts[2].count == 4,
            (parts[1] + parts[2]).allSatisfy({ $0.isASCII && $0.isNumber }),
            let office = try? OfficeCode(parts[0])
        else { throw bad }
        let digits = Array(parts[1])
        guard let year = Int(String(digits[0...1])), let month = Int(String(digits[2...3])), let day = Int(String(digits[4...5])),
            let date = try? LocalDate(year: 2000 + year, month: month, day: day), let sequence = Int(parts[2])
        else { throw bad }
        do throws(ValidationError) {
            try self.init(office: office, date: date, sequence: sequence)
        } catch {
            throw bad
        }
    }

    public var description: String {
        let yy = date.year % 100
        let mm = date.month
        let dd = date.day
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let seq = String(sequence)
        return "\(office.rawValue)-\(two(yy))\(two(mm))\(two(dd))-\(String(repeating: "0", count: 4 - seq.count))\(seq)"
    }

    public static func < (lhs: DossierCode, rhs: DossierCode) -> Bool { lhs.description < rhs.description }
}

/// A day off for public holidays, as the rules or an announcement give it.
public struct Holiday: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// A statutory public holiday on its own date (Labour Code 2019 Art. 112).
        case statutory
        /// The working day off given for a statutory day that fell on a weekend.
        case compensatory
        /// A day off announced for the year (a swap or bridge day), from the administrators' data.
        case announced
    }

    public let date: LocalDate
    public let name: String
    public let nameEn: String
    public let kind: Kind

    public init(date: LocalDate, name: String, nameEn: String, kind: Kind) {
        self.date = date
        self.name = name
        self.nameEn = nameEn
        self.kind = kind
    }
}

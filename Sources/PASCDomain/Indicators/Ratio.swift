/// A share with its parts kept, so a table can show "12 / 40" and a chart 30 %; a share of
/// nothing is "no data", never 0 % or 100 %.
public struct Ratio: Hashable, Sendable, Codable {
    public let part: Int
    public let whole: Int

    public init(_ part: Int, of whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// Between 0 and 1; nil when there is nothing to divide by.
    public var value: Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// In percent rounded to one decimal; nil as `value`.
    public var percent: Double? { value.map { ($0 * 1000).rounded() / 10 } }
}

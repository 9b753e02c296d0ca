/// Money is whole đồng (VND has no minor unit in use). Amounts are Ints; this writes them the
/// Vietnamese way, with dots between thousands (`1.250.000`).
public enum VND {
    /// The largest amount any form takes: 100 billion đồng, far above any fee or levy.
    public static let maximum = 100_000_000_000

    public static func format(_ amount: Int) -> String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return amount < 0 ? "-" + grouped : grouped
    }

    /// Checks an amount typed in a form: whole đồng, more than 0 and at most ``maximum``.
    public static func amount(_ value: Int, field: String) throws(ValidationError) -> Int {
        guard (1...maximum).contains(value) else {
            throw ValidationError(
                field: field,
                message: "Số tiền phải là số đồng nguyên từ 1 đến \(format(maximum)).",
                messageEn: "The amount must be whole đồng from 1 to \(format(maximum))."
            )
        }
        return value
    }
}

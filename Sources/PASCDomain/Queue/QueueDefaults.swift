/// The service groups and counters an office starts with, until an administrator changes them:
/// procedures grouped by field, and one group for returning results.
extension ServiceGroup {
    static let defaultFields: [(code: String, name: String, nameEn: String, fields: Set<String>)] = [
        (
            "A", "Hộ tịch, chứng thực, cư trú", "Civil status, certification, residence",
            ["Hộ tịch", "Chứng thực", "Cư trú", "Căn cước", "Lý lịch tư pháp", "Xuất nhập cảnh"]
        ),
        ("B", "Đất đai, xây dựng", "Land and construction", ["Đất đai", "Xây dựng"]),
        ("C", "Kinh doanh, việc làm, giao thông", "Business, employment, transport", ["Đăng ký kinh doanh", "Việc làm", "Giao thông"]),
        ("D", "Trả kết quả", "Result return", []),
    ]

    /// A, B, C by field (a procedure of another field goes to A) and D for returning results.
    public static func defaults(office: OfficeCode, procedures: [Procedure]) -> [ServiceGroup] {
        let known = defaultFields.flatMap(\.fields)
        return defaultFields.map { group in
            let served = procedures.filter { group.fields.contains($0.field) || (group.code == "A" && !known.contains($0.field)) }
            return try! ServiceGroup(office: office, code: group.code, name: group.name, nameEn: group.nameEn, procedures: served.map(\.code))
        }
    }
}

extension Counter {
    /// `count` closed counters: the first serves A and D, the second B and C, the others one
    /// group each in turn (A, B, C, D …), so that every group has a counter.
    public static func defaults(office: OfficeCode, count: Int) -> [Counter] {
        let cycle = ["A", "B", "C", "D"]
        return (1...max(count, 1)).map { number in
            let groups: [String] =
                switch number {
                case 1: count == 1 ? cycle : ["A", "D"]
                case 2: ["B", "C"]
                default: [cycle[(number - 3) % cycle.count]]
                }
            return try! Counter(office: office, number: number, groups: groups, officer: nil)
        }
    }
}

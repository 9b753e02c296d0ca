import PASCDomain

/// The demo's staff: realistic in shape, fictitious in names.
///
/// - one reception officer per counter at every office (counters follow each commune's
///   population, so officers follow the expected load), each with that office as home;
/// - one specialist per agency;
/// - a leader per office: the provincial leader over the whole tree and the provincial
///   agencies, a branch leader over the branch's subtree and its district agencies, a commune
///   leader over the commune point and the commune's People's Committee;
/// - one postal worker per branch; one administrator.
public enum DemoRoster {
    public static func members(for dataset: NetworkDataset) throws -> [StaffMember] {
        var members: [StaffMember] = []
        let agenciesByUnit = Dictionary(grouping: dataset.agencies, by: \.unitCode)
        for office in dataset.offices {
            let slug = office.unitCode
            for n in 1...office.counters {
                members.append(
                    try StaffMember(
                        username: "motcua.\(slug).\(n)",
                        fullName: "Cán bộ một cửa \(n) – \(office.name)",
                        roles: [.receptionOfficer],
                        scope: StaffScope(offices: [office.code]),
                        homeOffice: office.code
                    )
                )
            }
            let headed: [Agency]
            switch office.level {
            case .center: headed = dataset.agencies.filter { $0.level == .province }
            case .branch: headed = agenciesByUnit[office.unitCode] ?? []
            case .communePoint, .interWardPoint: headed = (agenciesByUnit[office.unitCode] ?? []).filter { $0.kind == .communePeoplesCommittee }
            }
            members.append(
                try StaffMember(
                    username: "lanhdao.\(slug)",
                    fullName: "Lãnh đạo – \(office.name)",
                    roles: [.leader],
                    scope: StaffScope(offices: [office.code], agencies: Set(headed.map(\.code))),
                    homeOffice: office.code
                )
            )
            if office.level == .branch {
                members.append(
                    try StaffMember(
                        username: "buudien.\(slug)",
                        fullName: "Nhân viên bưu điện – \(office.name)",
                        roles: [.postal],
                        scope: StaffScope(offices: [office.code]),
                        homeOffice: office.code
                    )
                )
            }
        }
        for agency in dataset.agencies {
            members.append(
                try StaffMember(
                    username: "chuyenvien.\(agency.code)",
                    fullName: "Chuyên viên – \(agency.name)",
                    roles: [.specialist],
                    scope: StaffScope(agencies: [agency.code]),
                    homeOffice: nil
                )
            )
        }
        members.append(
            try StaffMember(username: "quantri", fullName: "Quản trị hệ thống", roles: [.administrator], scope: StaffScope(), homeOffice: nil)
        )
        return members
    }
}

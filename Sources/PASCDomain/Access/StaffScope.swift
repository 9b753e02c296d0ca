import Foundation

/// The offices and agencies a staff member works for.
///
/// For a leader an office in scope stands for its whole subtree (they supervise reception there);
/// for everyone else it stands for that office alone.
public struct StaffScope: Hashable, Sendable, Codable {
    public var offices: Set<OfficeCode>
    /// Agency codes (processing for specialists, heading for leaders).
    public var agencies: Set<String>

    public init(offices: Set<OfficeCode> = [], agencies: Set<String> = []) {
        self.offices = offices
        self.agencies = agencies
    }
}

/// The office tree as parent links, enough to answer "is this office under that one".
public struct OfficeTree: Sendable {
    private let parent: [OfficeCode: OfficeCode]

    public init(offices: [Office]) {
        var parent: [OfficeCode: OfficeCode] = [:]
        for office in offices { if let p = office.parentCode { parent[office.code] = p } }
        self.parent = parent
    }

    /// The office directly above `office`, nil for the root or an unknown office.
    public func parent(of office: OfficeCode) -> OfficeCode? { parent[office] }

    /// True when `office` is `root` or lies below it.
    public func isInSubtree(_ office: OfficeCode, of root: OfficeCode) -> Bool {
        var current: OfficeCode? = office
        var steps = 0
        while let code = current, steps <= parent.count {
            if code == root { return true }
            current = parent[code]
            steps += 1
        }
        return false
    }
}

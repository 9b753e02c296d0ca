import Foundation

/// Place of an office in the network tree: provincial center → branches → commune points.
public enum OfficeLevel: String, CaseIterable, Codable, Sendable {
    /// Trung tâm Phục vụ hành chính công (provincial).
    case center
    /// Chi nhánh (one per former district in the pilot).
    case branch
    /// Bộ phận Một cửa / điểm tiếp nhận at commune level.
    case communePoint
    /// A point formed by merging wards (later reforms).
    case interWardPoint

    /// Levels an office of this level may hang under.
    var allowedParents: Set<OfficeLevel> {
        switch self {
        case .center: []
        case .branch: [.center]
        case .communePoint, .interWardPoint: [.branch, .center]
        }
    }
}

import Foundation

/// What a staff member may do. A person may hold several roles.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    /// Công chức một cửa: calls tickets, receives and returns dossiers at the offices in scope.
    case receptionOfficer
    /// Chuyên viên xử lý: processes dossiers routed to the agencies in scope.
    case specialist
    /// Lãnh đạo: supervises an office subtree and/or heads agencies.
    case leader
    /// Quản trị: manages master data; processes no dossier.
    case administrator
    /// Nhân viên bưu điện: picks up dossiers and delivers results.
    case postal

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

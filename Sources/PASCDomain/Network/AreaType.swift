import Foundation

/// The kind of area an office serves; it sets the productivity norm of its duty officers.
public enum AreaType: String, CaseIterable, Codable, Sendable {
    case urban
    case rural
    case remote

    /// Yearly dossiers per duty officer the pilot expects (1,600 urban, 1,200 rural, 800 remote).
    public var annualDossiersPerOfficerNorm: Int {
        switch self {
        case .urban: 1600
        case .rural: 1200
        case .remote: 800
        }
    }
}

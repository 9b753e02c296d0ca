import Foundation

/// A text file of `Resources/assets`, read from the bundle once, when a controller is built: a
/// missing one stops the server at start, not at the first request.
enum BundledAsset {
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "assets", withExtension: nil)?.appendingPathComponent(name) else {
            throw FormError("\(name) is missing from the PASCApp bundle")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

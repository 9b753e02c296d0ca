import Foundation

/// A page request: `limit` (default 100, at most 1000) and an opaque `cursor` from the previous page.
public struct PageRequest: Hashable, Sendable {
    public static let defaultLimit = 100
    public static let maximumLimit = 1000

    public let limit: Int
    public let cursor: Cursor?

    public init(limit: Int = PageRequest.defaultLimit, cursor: Cursor? = nil) {
        self.limit = limit
        self.cursor = cursor
    }
}

/// Where the next page starts: after a key (lists ordered by code) or at an offset (lists ordered by distance).
///
/// Sent to clients as base64url text so they treat it as opaque.
public enum Cursor: Hashable, Sendable {
    case after(String)
    case offset(Int)

    public var token: String {
        let raw: String
        switch self {
        case .after(let key): raw = "k:" + key
        case .offset(let n): raw = "o:\(n)"
        }
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8),
            !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        if raw.hasPrefix("k:") {
            self = .after(String(raw.dropFirst(2)))
        } else if raw.hasPrefix("o:"), let n = Int(raw.dropFirst(2)), n >= 0 {
            self = .offset(n)
        } else {
            return nil
        }
    }
}

/// One page of results and the cursor of the next one (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: Cursor?

    public init(items: [Item], nextCursor: Cursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

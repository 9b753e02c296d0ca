/// The kinds of scan PASC keeps, recognised by their first bytes and never by a file name or a
/// client's Content-Type: a file called `giay-to.pdf` that is really HTML must not be stored and
/// served back (Circular 01/2023 digitisation keeps PDF and images).
public enum DocumentType: String, CaseIterable, Sendable {
    case pdf
    case jpeg
    case png

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        }
    }

    /// The type whose signature `bytes` start with, or nil.
    public static func sniff(_ bytes: some Collection<UInt8>) -> DocumentType? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }  // %PDF-
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    public init?(mediaType: String) {
        guard let type = Self.allCases.first(where: { $0.mediaType == mediaType }) else { return nil }
        self = type
    }
}

/// What a stored document is to its dossier: one of the papers handed in, or the agency's result.
public enum DocumentRole: String, CaseIterable, Sendable {
    case paper
    case result
}

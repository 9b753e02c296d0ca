import Foundation

/// A value refused at construction, with the field at fault and a reason in both languages.
///
/// Domain values validate themselves when they are built, so an invalid office or procedure
/// never exists in memory; the HTTP layer turns this into a problem+json `errors` entry.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending field: a JSON pointer (`/latitude`) or a parameter name (`near`).
    public var field: String
    /// Vietnamese message (the default language).
    public var message: String
    /// English message.
    public var messageEn: String

    public init(field: String, message: String, messageEn: String) {
        self.field = field
        self.message = message
        self.messageEn = messageEn
    }

    public var description: String { "\(field): \(messageEn)" }
}

/// Several validation errors collected at once, so a form shows every problem in one answer.
public struct ValidationErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var errors: [ValidationError]

    public init(_ errors: [ValidationError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

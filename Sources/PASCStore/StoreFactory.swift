import Foundation
import Logging
import PASCCore
import PostgresKit

/// Where the data lives: a SQLite file (the default) or a PostgreSQL URL.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else is a SQLite file path
    /// (`sqlite:` prefix optional).
    public init(_ text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite://") {
            self = .sqlite(path: String(text.dropFirst("sqlite://".count)))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite file \(path)"
        case .postgres(let url): "PostgreSQL \(DatabaseLocation.redacted(url))"
        }
    }

    /// The URL with its password replaced, safe for logs and error messages.
    public static func redacted(_ url: String) -> String {
        if var components = URLComponents(string: url) {
            guard components.password != nil else { return url }
            components.password = "***"
            if let text = components.string { return text }
        }
        // Not a parsable URL: hide everything between the scheme and the last "@", where credentials sit.
        guard let scheme = url.range(of: "://"), let at = url.range(of: "@", options: .backwards), scheme.upperBound <= at.lowerBound else {
            return url
        }
        return url[..<scheme.upperBound] + "***" + url[at.lowerBound...]
    }
}

/// Opens a ``SQLStore`` and proves it is reachable before anything uses it.
public enum StoreFactory {
    /// - Parameters:
    ///   - location: SQLite path or PostgreSQL URL.
    ///   - schema: PostgreSQL schema to use (tests give each suite its own); nil for the default.
    ///   - clock: stamps the store's own records (when migrations ran, when the demo was seeded).
    public static func open(
        _ location: DatabaseLocation,
        schema: String? = nil,
        clock: any Clock = SystemClock(),
        logger: Logger = Logger(label: "pasc.store")
    ) async throws -> SQLStore {
        let backend: any SQLBackend
        switch location {
        case .sqlite(let path):
            backend = try SQLiteBackend(path: path, logger: logger)
        case .postgres(let url):
            backend = try PostgresBackend(url: url, searchPath: schema, logger: logger)
        }
        let store = SQLStore(backend: backend, clock: clock)
        do {
            try await store.ping()
        } catch {
            try? await backend.shutdown()
            throw StoreError.unreachable("\(location): \(describe(error))")
        }
        return store
    }

    /// One readable line for a driver error (the drivers' own descriptions can be long or empty).
    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError, let message = psql.serverInfo?[.message] {
            return message
        }
        let text = String(reflecting: error)
        let known = [
            ("Connection refused", "connection refused (is PostgreSQL running and listening at that address?)"),
            ("timed out", "the connection timed out"),
            ("Timeout", "the connection timed out"),
            ("could not resolve", "the host name cannot be resolved"),
        ]
        if let match = known.first(where: { text.contains($0.0) }) { return match.1 }
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        return firstLine.count > 300 ? String(firstLine.prefix(300)) + "…" : firstLine
    }
}

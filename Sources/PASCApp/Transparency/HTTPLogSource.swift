import Foundation
import PASCCore
import PASCDomain
import PASCTransparency

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A PASC server's public log, read over HTTP by `pasc verify --server`. Everything it returns is
/// checked by the verifier against the trusted key: the server is not believed, only used.
public struct HTTPLogSource: LogSource {
    public let base: URL
    public var name: String { base.absoluteString }
    public var database: (any TransparencyLogStore)? { nil }

    public init(base: URL) {
        self.base = base
    }

    struct Unexpected: Error, CustomStringConvertible {
        let path: String
        let why: String
        var description: String { "\(path): \(why)" }
    }

    func get(_ path: String, query: [String: String] = [:]) async throws -> (Int, Data) {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        let request = URLRequest(url: components.url!, timeoutInterval: 30)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    func getJSON<T: Decodable>(_ type: T.Type, _ path: String, query: [String: String] = [:]) async throws -> T {
        let (status, data) = try await get(path, query: query)
        guard status == 200 else { throw Unexpected(path: path, why: "answered \(status): \(String(decoding: data.prefix(300), as: UTF8.self))") }
        do { return try JSONDecoder().decode(T.self, from: data) } catch { throw Unexpected(path: path, why: "not the expected JSON (\(error))") }
    }

    public func checkpointNote() async throws -> String {
        let (status, data) = try await get("log/checkpoint")
        guard status == 200 else { throw Unexpected(path: "/log/checkpoint", why: "answered \(status)") }
        return String(decoding: data, as: UTF8.self)
    }

    struct Proof: Decodable {
        let hashes: [String]
    }

    static func hashes(_ proof: Proof, _ path: String) throws -> [MerkleHash] {
        try proof.hashes.map { text in
            guard let hash = MerkleHash(base64: text) else { throw Unexpected(path: path, why: "'\(text)' is not a base64 SHA-256 hash") }
            return hash
        }
    }

    public func consistencyProof(from size1: Int, to size2: Int) async throws -> [MerkleHash] {
        try Self.hashes(
            try await getJSON(Proof.self, "log/proofs/consistency", query: ["from": "\(size1)", "to": "\(size2)"]),
            "/log/proofs/consistency"
        )
    }

    public func inclusionProof(index: Int, size: Int) async throws -> [MerkleHash] {
        try Self.hashes(
            try await getJSON(Proof.self, "log/proofs/inclusion", query: ["index": "\(index)", "size": "\(size)"]),
            "/log/proofs/inclusion"
        )
    }

    struct Leaf: Decodable {
        let index: Int
        let data: String
        let leafHash: String
    }

    struct Leaves: Decodable {
        let leaves: [Leaf]
    }

    /// A leaf as served: what it stands for is read from its own text.
    static func leaf(index: Int, data: String, hash: String) throws -> LogLeaf {
        guard let hash = MerkleHash(base64: hash) else { throw Unexpected(path: "leaf \(index)", why: "its hash is not base64 SHA-256") }
        let fields = (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:]
        let kind = (fields["type"] as? String).flatMap(LogEntry.Kind.init(rawValue:)) ?? .dossierEvent
        let reference = kind == .dossierEvent ? (fields["dossier"] as? String ?? "") : "\(fields["change"] ?? "")"
        let entry = LogEntry(kind: kind, reference: reference, ordinal: fields["n"] as? Int ?? 0, text: data)
        return LogLeaf(index: index, entry: entry, hash: hash, appendedAt: "")
    }

    public func leaves(_ range: Range<Int>) async throws -> [LogLeaf] {
        guard !range.isEmpty else { return [] }
        let page = try await getJSON(Leaves.self, "log/leaves", query: ["start": "\(range.lowerBound)", "end": "\(range.upperBound)"])
        return try page.leaves.map { try Self.leaf(index: $0.index, data: $0.data, hash: $0.leafHash) }
    }

    struct DossierLog: Decodable {
        struct Event: Decodable {
            let index: Int
            let data: String
            let leafHash: String
        }

        let events: [Event]
    }

    public func dossierLeaves(_ code: DossierCode) async throws -> [LogLeaf] {
        let (status, data) = try await get("api/v1/dossiers/\(code)/log")
        if status == 404 { return [] }
        guard status == 200 else { throw Unexpected(path: "/api/v1/dossiers/\(code)/log", why: "answered \(status)") }
        let log = try JSONDecoder().decode(DossierLog.self, from: data)
        return try log.events.map { try Self.leaf(index: $0.index, data: $0.data, hash: $0.leafHash) }
    }

    struct PublicView: Decodable {
        struct Step: Decodable {
            struct Status: Decodable { let code: Int }
            let action: String
            let status: Status
            let at: String
        }

        struct Phase: Decodable { let code: String }
        struct Status: Decodable { let code: Int }
        let steps: [Step]
        let status: Status?
        let phase: Phase?
        let due: String?
        let heldBy: String?
    }

    public func dossierClaims(_ code: DossierCode) async throws -> DossierClaims? {
        let (status, data) = try await get("api/v1/dossiers/\(code)")
        if status == 404 { return nil }
        guard status == 200 else { throw Unexpected(path: "/api/v1/dossiers/\(code)", why: "answered \(status)") }
        let view = try JSONDecoder().decode(PublicView.self, from: data)
        let shown = view.status.map { code in DossierStatus.allCases.first { $0.portalCode == code.code }?.rawValue ?? "code \(code.code)" }
        return DossierClaims(
            status: shown ?? "none",
            phase: view.phase?.code ?? "none",
            due: view.due.flatMap(VietnamTime.parseInstant).map(VietnamTime.localDateTime),
            holder: view.heldBy
        )
    }

    public func dossierSteps(_ code: DossierCode) async throws -> [PublicStep]? {
        let (status, data) = try await get("api/v1/dossiers/\(code)")
        if status == 404 { return nil }
        guard status == 200 else { throw Unexpected(path: "/api/v1/dossiers/\(code)", why: "answered \(status)") }
        let view = try JSONDecoder().decode(PublicView.self, from: data)
        return view.steps.map { step in
            // The page shows the national status code; the leaf names the status.
            let status = DossierStatus.allCases.first { $0.portalCode == step.status.code }?.rawValue ?? "code \(step.status.code)"
            return PublicStep(action: step.action, to: status, at: step.at)
        }
    }
}

import Foundation
import Hummingbird
import PASCCore
import PASCDomain
import PASCTransparency

/// The public log over HTTP: the latest signed checkpoint (plain C2SP text), the public key,
/// leaves by range, inclusion and consistency proofs, and one dossier's leaves with their proofs.
/// Everything here is public; no personal data is in any leaf.
struct TransparencyController: Sendable {
    let log: TransparencyLog
    let dossiers: any DossierStore
    /// The signed-note verifier key of the deployment; nil when the server has none.
    let verifierKey: String?

    /// Leaves per request at most.
    static let maximumLeaves = 1000

    func register(on routes: RouteTable) {
        routes.get("/log/checkpoint", policy: .everyone, use: checkpoint)
        routes.get("/log/key", policy: .everyone, use: key)
        routes.get("/log/leaves", policy: .everyone, use: leaves)
        routes.get("/log/proofs/inclusion", policy: .everyone, use: inclusion)
        routes.get("/log/proofs/consistency", policy: .everyone, use: consistency)
        routes.get("/api/v1/dossiers/{code}/log", policy: .everyone, use: dossierLog)
    }

    static func text(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static let noCheckpoint = Problem(
        type: "/problems/no-checkpoint",
        title: "No checkpoint yet",
        status: .serviceUnavailable,
        detail: "Sổ công khai chưa có điểm kiểm tra nào được ký; hãy thử lại sau vài giây.",
        detailEn: "The public log has no signed checkpoint yet; try again in a few seconds."
    )

    @Sendable func checkpoint(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try QueryReader(request, allowed: []).finish()
        guard let latest = try await log.store.latestCheckpoint() else { throw Self.noCheckpoint }
        return Self.text(latest.note)
    }

    @Sendable func key(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try QueryReader(request, allowed: []).finish()
        guard let verifierKey else {
            throw Problem(
                type: "/problems/no-log-key",
                title: "No log key",
                status: .serviceUnavailable,
                detail: "Máy chủ này chưa được cấu hình khóa ký sổ công khai.",
                detailEn: "This server has no log signing key configured."
            )
        }
        return Self.text(verifierKey + "\n")
    }

    struct LeafView: Encodable, Sendable {
        let index: Int
        /// The leaf's bytes as UTF-8 text (canonical JSON).
        let data: String
        /// Base64 of SHA-256(0x00 ‖ data).
        let leafHash: String

        init(_ leaf: LogLeaf) {
            index = leaf.index
            data = leaf.entry.text
            leafHash = leaf.hash.base64
        }
    }

    @Sendable func leaves(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let size = try await log.store.logHead().size
        var query = QueryReader(request, allowed: ["start", "end"])
        let start = query.integer("start", in: 0...max(0, size - 1))
        let end = query.integer("end", in: min(1, size)...max(size, 1))
        if size == 0 {
            query.errors.append(ValidationError(field: "start", message: "Sổ công khai chưa có lá nào.", messageEn: "The log has no leaves yet."))
        }
        if query.errors.isEmpty, start == nil || end == nil {
            query.errors.append(Self.missing(start == nil ? "start" : "end"))
        }
        if let start, let end, end <= start || end - start > Self.maximumLeaves {
            query.errors.append(
                ValidationError(
                    field: "end",
                    message: "'end' phải lớn hơn 'start' và không quá start + \(Self.maximumLeaves) (tối đa \(size)).",
                    messageEn: "'end' must be above 'start' and at most start + \(Self.maximumLeaves) (and at most \(size))."
                )
            )
        }
        try query.finish()
        let leaves = try await log.store.logLeaves(start!..<end!)
        return try JSONBody.response(["leaves": leaves.map(LeafView.init)])
    }

    static func missing(_ name: String) -> ValidationError {
        ValidationError(field: name, message: "Thiếu tham số '\(name)'.", messageEn: "'\(name)' is required.")
    }

    struct ProofView: Encodable, Sendable {
        let index: Int?
        let size: Int?
        let from: Int?
        let to: Int?
        let leafHash: String?
        /// Base64 hashes, leaf end first (RFC 6962 order).
        let hashes: [String]
    }

    @Sendable func inclusion(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let logSize = try await log.store.logHead().size
        var query = QueryReader(request, allowed: ["index", "size"])
        guard logSize > 0 else {
            throw Problem.invalid([ValidationError(field: "size", message: "Sổ công khai chưa có lá nào.", messageEn: "The log has no leaves yet.")])
        }
        let size = query.integer("size", in: 1...logSize)
        let index = query.integer("index", in: 0...max(0, (size ?? logSize) - 1))
        if query.errors.isEmpty, size == nil || index == nil { query.errors.append(Self.missing(size == nil ? "size" : "index")) }
        try query.finish()
        let proof = try await log.inclusionProof(index: index!, size: size!)
        let leaf = try await log.store.logLeaves(index!..<(index! + 1)).first
        return try JSONBody.response(
            ProofView(index: index, size: size, from: nil, to: nil, leafHash: leaf?.hash.base64, hashes: proof.map(\.base64))
        )
    }

    @Sendable func consistency(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let logSize = try await log.store.logHead().size
        var query = QueryReader(request, allowed: ["from", "to"])
        guard logSize > 0 else {
            throw Problem.invalid([ValidationError(field: "to", message: "Sổ công khai chưa có lá nào.", messageEn: "The log has no leaves yet.")])
        }
        let to = query.integer("to", in: 1...logSize)
        let from = query.integer("from", in: 1...(to ?? logSize))
        if query.errors.isEmpty, from == nil || to == nil { query.errors.append(Self.missing(from == nil ? "from" : "to")) }
        try query.finish()
        let proof = try await log.consistencyProof(from: from!, to: to!)
        return try JSONBody.response(ProofView(index: nil, size: nil, from: from, to: to, leafHash: nil, hashes: proof.map(\.base64)))
    }

    struct DossierLogView: Encodable, Sendable {
        struct CheckpointView: Encodable, Sendable {
            let size: Int
            let root: String
            let signedAt: String
            /// The signed note, to check with the public key.
            let note: String
        }

        struct EventLeaf: Encodable, Sendable {
            let ordinal: Int
            let index: Int
            let data: String
            let leafHash: String
            /// In the checkpoint below (false for a step logged after it was signed).
            let included: Bool
            /// The audit path at the checkpoint's size; empty when not included yet.
            let proof: [String]
        }

        let code: String
        @ExplicitNull var checkpoint: CheckpointView?
        let events: [EventLeaf]
    }

    /// A dossier's leaves with their inclusion proofs at the latest checkpoint: what its public
    /// page shows as "this history is included in checkpoint N signed at T".
    @Sendable func dossierLog(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try QueryReader(request, allowed: []).finish()
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), try await dossiers.dossier(code) != nil else {
            throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: raw)
        }
        let latest = try await log.store.latestCheckpoint()
        var events: [DossierLogView.EventLeaf] = []
        for leaf in try await log.store.logLeaves(ofDossier: code) {
            let included = latest.map { leaf.index < $0.size } ?? false
            let proof = included ? try await log.inclusionProof(index: leaf.index, size: latest!.size) : []
            events.append(
                DossierLogView.EventLeaf(
                    ordinal: leaf.entry.ordinal,
                    index: leaf.index,
                    data: leaf.entry.text,
                    leafHash: leaf.hash.base64,
                    included: included,
                    proof: proof.map(\.base64)
                )
            )
        }
        return try JSONBody.response(
            DossierLogView(
                code: code.description,
                checkpoint: latest.map { DossierLogView.CheckpointView(size: $0.size, root: $0.root.base64, signedAt: $0.signedAt, note: $0.note) },
                events: events
            )
        )
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCTestSupport
import Testing

/// The three outcomes at the counter and guidance, each recorded against the submission and counted.
@Suite("Reception outcomes")
struct ReceptionOutcomesTests {
    static let pointA = "000.03.11.H56"

    static func body(decision: String? = nil, submission: String? = nil, homeUnit: String = "25747", procedure: String = "1.004873") -> String {
        WholeRunLog.sensitive(["Trần Thị Nộp", "074190012345"])
        var fields = [
            #""procedure":"\#(procedure)""#,
            #""applicant":{"name":"Trần Thị Nộp","idNumber":"074190012345","birthYear":1990,"homeUnit":"\#(homeUnit)"}"#,
            #""delivery":{"kind":"office","office":"\#(pointA)"}"#,
            #""papers":[{"name":"Tờ khai","originals":1},{"name":"Giấy tờ tùy thân","originals":0,"copies":2}]"#,
        ]
        if let decision { fields.append(#""decision":\#(decision)"#) }
        if let submission { fields.append(#""submissionId":"\#(submission)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func receive(
        _ client: any TestClientProtocol,
        _ body: String,
        as user: String = "officer.a",
        at office: String = pointA
    ) async throws -> TestResponse {
        try await client.send(.post, "/api/v1/offices/\(office)/receptions", body, headers: try await client.sessionHeaders(as: user))
    }

    @Test func oneRequestToCompleteThenAcceptanceAndEveryOutcomeCounted() async throws {
        try await withStaffApp { client, _, _ in
            let empty = try await Self.receive(client, Self.body(decision: #"{"kind":"requestCompletion","missingPapers":[" "]}"#))
            #expect(try empty.status == .badRequest && empty.errorFields == ["/decision/missingPapers"])

            let ask = #"{"kind":"requestCompletion","missingPapers":["Giấy xác nhận tình trạng hôn nhân lần trước","Bản sao trích lục ly hôn"]}"#
            let first = try await Self.receive(client, Self.body(decision: ask))
            #expect(first.status == .ok, "\(String(buffer: first.body))")
            #expect(try first.json["outcome"] as? String == "completionRequested" && first.json["receipt"] is NSNull)
            let submission = try #require(try first.json["submission"] as? [String: Any])
            let id = try #require(submission["id"] as? String)
            #expect(submission["requestNumber"] as? Int == 1 && (submission["missingPapers"] as? [String])?.count == 2)

            // A second request for the same submission: not by the officer, not by a leader without a reason.
            let again = try await Self.receive(client, Self.body(decision: ask, submission: id))
            #expect(again.status == .conflict && String(buffer: again.body).contains("leader"))
            #expect(try await Self.receive(client, Self.body(decision: ask, submission: id), as: "leader.a").status == .conflict)
            let withReason =
                #"{"kind":"requestCompletion","missingPapers":["Bản chính trích lục ly hôn"],"leaderReason":"Bản sao nộp lần 2 bị mờ, không đọc được"}"#
            let second = try await Self.receive(client, Self.body(decision: withReason, submission: id), as: "leader.a")
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            #expect((try second.json["submission"] as? [String: Any])?["requestNumber"] as? Int == 2)

            // The papers come: the same submission is accepted, once.
            let accepted = try await Self.receive(client, Self.body(submission: id))
            #expect(accepted.status == .created, "\(String(buffer: accepted.body))")
            #expect((try accepted.json["submission"] as? [String: Any])?["id"] as? String == id)
            let receipt = try #require(try accepted.json["receipt"] as? [String: Any])
            WholeRunLog.sensitive([receipt["accessSecret"] as? String ?? ""])
            #expect((receipt["papers"] as? [[String: Any]])?.map { $0["copies"] as? Int } == [0, 2])
            #expect(try await Self.receive(client, Self.body(submission: id)).status == .conflict)
            let unknown = try await Self.receive(client, Self.body(submission: "no-such-submission"))
            #expect(unknown.status == .conflict && String(buffer: unknown.body).contains("No submission"))

            // A refusal needs its reason and legal basis; a refused submission is not accepted later.
            let bare = try await Self.receive(client, Self.body(decision: #"{"kind":"refuse","reason":"Không thuộc thẩm quyền"}"#))
            #expect(try bare.status == .badRequest && bare.errorFields == ["/decision/legalBasis"])
            let refuse = #"{"kind":"refuse","reason":"Người yêu cầu không đủ điều kiện","legalBasis":"Khoản 1 Điều 22 Nghị định 123/2015/NĐ-CP"}"#
            let refused = try await Self.receive(client, Self.body(decision: refuse))
            #expect(try refused.status == .ok && refused.json["outcome"] as? String == "refused")
            let refusedID = try #require((try refused.json["submission"] as? [String: Any])?["id"] as? String)
            #expect(try await Self.receive(client, Self.body(submission: refusedID)).status == .conflict)

            // Guidance: not boundary-free, applicant of another commune (25750).
            let guided = try await Self.receive(client, Self.body(homeUnit: "25750"))
            #expect(try guided.status == .ok && guided.json["outcome"] as? String == "guidance")
            #expect(((try guided.json["submission"] as? [String: Any])?["id"] as? String)?.isEmpty == false)

            let counts = try await client.get("/api/v1/offices/\(Self.pointA)/reception-outcomes").json
            #expect(counts["completionRequested"] as? Int == 2 && counts["accepted"] as? Int == 1)
            #expect(counts["refused"] as? Int == 1 && counts["guidance"] as? Int == 1)
            #expect(try await client.get("/api/v1/offices/000.99.99.H56/reception-outcomes").status == .notFound)
        }
    }
}

/// The applicant's one rating of a returned dossier: the national three-level satisfaction
/// (as synchronised to the national portal) and, optionally, the nine two-point criteria of the
/// provincial evaluation sheet, and a comment. Kept with the dossier; staff can never change it.
public struct Rating: Hashable, Sendable {
    public enum Level: String, Sendable, CaseIterable, Codable {
        case verySatisfied
        case satisfied
        case notSatisfied

        public var name: String {
            switch self {
            case .verySatisfied: "Rất hài lòng"
            case .satisfied: "Hài lòng"
            case .notSatisfied: "Không hài lòng"
            }
        }

        public var nameEn: String {
            switch self {
            case .verySatisfied: "very satisfied"
            case .satisfied: "satisfied"
            case .notSatisfied: "not satisfied"
            }
        }
    }

    /// The nine criteria of the provincial sheet, each scored 0, 1 or 2 points (18 in all).
    public enum Criterion: String, Sendable, CaseIterable, Codable {
        case totalTime, agencyTime, contacts, agencies, oneStop, publicity, attitude, feedback, online

        public var name: String {
            switch self {
            case .totalTime: "Thời gian giải quyết so với quy định"
            case .agencyTime: "Thời gian của từng cơ quan tham gia"
            case .contacts: "Số lần liên hệ để hoàn thiện hồ sơ"
            case .agencies: "Số cơ quan phải liên hệ"
            case .oneStop: "Tiếp nhận, giải quyết, trả kết quả tại Bộ phận Một cửa"
            case .publicity: "Công khai thủ tục hành chính"
            case .attitude: "Thái độ của cán bộ"
            case .feedback: "Tiếp nhận, xử lý phản ánh, kiến nghị"
            case .online: "Tiến độ và chất lượng dịch vụ công trực tuyến"
            }
        }

        public var nameEn: String {
            switch self {
            case .totalTime: "total handling time against the legal limit"
            case .agencyTime: "time taken by each agency involved"
            case .contacts: "number of contacts needed to complete the dossier"
            case .agencies: "number of agencies contacted"
            case .oneStop: "reception, handling and return at the one-stop"
            case .publicity: "publicity of the procedure"
            case .attitude: "staff attitude"
            case .feedback: "handling of feedback and complaints"
            case .online: "progress and quality of online services"
            }
        }
    }

    public static let maximumPoints = 2
    public static let maximumCommentLength = 1000

    public let level: Level
    public let points: [Criterion: Int]
    public let comment: String?

    /// Refuses points outside 0…2 and an over-long comment, naming the field.
    public init(level: Level, points: [Criterion: Int] = [:], comment: String? = nil) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        for (criterion, value) in points.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !(0...Self.maximumPoints).contains(value) {
            errors.append(
                ValidationError(
                    field: "criteria/\(criterion.rawValue)",
                    message: "Điểm tiêu chí phải là 0, 1 hoặc 2, nhận được \(value).",
                    messageEn: "A criterion's points must be 0, 1 or 2, got \(value)."
                )
            )
        }
        let comment = comment.map(TextFolding.normalize).flatMap { $0.isEmpty ? nil : $0 }
        if let comment, comment.count > Self.maximumCommentLength {
            errors.append(
                ValidationError(
                    field: "comment",
                    message: "Ý kiến dài tối đa \(Self.maximumCommentLength) ký tự, nhận được \(comment.count).",
                    messageEn: "The comment is at most \(Self.maximumCommentLength) characters, got \(comment.count)."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.level = level
        self.points = points
        self.comment = comment
    }
}

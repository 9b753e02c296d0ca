import Foundation
import PASCDomain

/// Limits what anonymous callers may create: online submissions per address and per applicant,
/// queue tickets per address, office and day. Each request is counted before anything is written
/// and in the same statement that reads the count (``AttemptLimiter``), so a burst cannot slip
/// through between a read and a write, and a refused request writes nothing but its count.
public struct Throttle: Sendable {
    public let counters: any RateCounterStore
    public let clock: any Clock
    public let limits: RequestLimits
    /// Digest of an applicant's ID number: bucket names keep no personal data.
    public let digest: @Sendable (String) -> String

    public init(counters: any RateCounterStore, clock: any Clock, limits: RequestLimits, digest: @escaping @Sendable (String) -> String) {
        self.counters = counters
        self.clock = clock
        self.limits = limits
        self.digest = digest
    }

    /// A request over one of the limits (429 with `Retry-After`).
    public struct Refused: Error, Equatable, Sendable {
        public let limit: Int
        public let message: String
        public let messageEn: String
        public let retryAfterSeconds: Int
    }

    var nowEpoch: Int { Int(clock.now().timeIntervalSince1970) }

    /// Counts an online submission from `address` (and under the applicant's ID number when one is given).
    public func onlineSubmission(address: String, applicantID: String?) async throws {
        let hour = AttemptLimiter(
            counters: counters,
            windowSeconds: 3_600,
            limits: [("submit.address:\(address)", limits.submissionsPerAddressPerHour)]
        )
        if try await !hour.admit(nowEpoch: nowEpoch) {
            throw Refused(
                limit: limits.submissionsPerAddressPerHour,
                message: "Đã nhận tối đa \(limits.submissionsPerAddressPerHour) hồ sơ trực tuyến mỗi giờ từ một địa chỉ; vui lòng thử lại sau.",
                messageEn: "At most \(limits.submissionsPerAddressPerHour) online submissions per hour from one address; please try again later.",
                retryAfterSeconds: 3_600
            )
        }
        guard let applicantID, !applicantID.isEmpty else { return }
        let day = AttemptLimiter(
            counters: counters,
            windowSeconds: 86_400,
            limits: [("submit.applicant:\(digest(applicantID))", limits.submissionsPerApplicantPerDay)]
        )
        if try await !day.admit(nowEpoch: nowEpoch) {
            throw Refused(
                limit: limits.submissionsPerApplicantPerDay,
                message: "Mỗi người nộp tối đa \(limits.submissionsPerApplicantPerDay) hồ sơ trực tuyến mỗi ngày.",
                messageEn: "At most \(limits.submissionsPerApplicantPerDay) online submissions per applicant per day.",
                retryAfterSeconds: 86_400
            )
        }
    }

    /// Counts a ticket (or booking) asked for at `office` from `address` on the office day `day`.
    /// Tickets issued by a signed-in officer are not limited.
    public func ticket(channel: TicketChannel, office: OfficeCode, day: LocalDate, address: String) async throws {
        let buckets: [(bucket: String, allowed: Int)]
        switch channel {
        case .officer:
            return
        case .kiosk:
            buckets = [("ticket.kiosk:\(address):\(office):\(day)", limits.kioskTicketsPerAddressPerDay)]
        case .online:
            buckets = [
                ("ticket.online:\(address):\(office):\(day)", limits.onlineTicketsPerAddressPerDay),
                ("ticket.office:\(office):\(day)", limits.onlineTicketsPerOfficePerDay),
            ]
        }
        let limiter = AttemptLimiter(counters: counters, windowSeconds: 86_400, limits: buckets)
        guard let over = try await limiter.overLimit(nowEpoch: nowEpoch) else { return }
        let perOffice = over.bucket.hasPrefix("ticket.office:")
        throw Refused(
            limit: over.allowed,
            message: perOffice
                ? "Đơn vị đã cấp đủ \(over.allowed) phiếu trực tuyến hôm nay; vui lòng lấy số tại quầy."
                : "Đã cấp tối đa \(over.allowed) phiếu hôm nay cho một địa chỉ tại đơn vị này.",
            messageEn: perOffice
                ? "The office has issued its \(over.allowed) online tickets today; please take a ticket at the kiosk."
                : "At most \(over.allowed) tickets per day from one address at this office.",
            retryAfterSeconds: 86_400
        )
    }
}

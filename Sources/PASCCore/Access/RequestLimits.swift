/// How much an anonymous caller may ask of the server: online submissions, queue tickets, uploads
/// and searches. Every number is configuration (`PASC_LIMIT_…`); the defaults suit one province's
/// demo and are set in `docs/security.md`.
public struct RequestLimits: Sendable, Equatable {
    /// Online submissions from one client address per hour.
    public var submissionsPerAddressPerHour = 10
    /// Online submissions under one applicant ID number per day.
    public var submissionsPerApplicantPerDay = 5
    /// One scan of an online submission, in bytes.
    public var submissionFileBytes = 10 * 1_048_576
    /// All scans of one online submission together, in bytes.
    public var submissionBytes = 25 * 1_048_576
    /// Scans in one online submission.
    public var submissionFiles = 10
    /// Online tickets and bookings one person (ID number or phone) may take per office day.
    public var onlineTicketsPerPersonPerDay = 2
    /// Online tickets and bookings from one client address per office day (invented phone numbers
    /// do not get round the per-person limit).
    public var onlineTicketsPerAddressPerDay = 10
    /// Online tickets and bookings of one office per day, whoever asks.
    public var onlineTicketsPerOfficePerDay = 500
    /// Kiosk tickets from one address per office day: a hall's kiosk issues the day's tickets, so
    /// this only stops a script that pretends to be one.
    public var kioskTicketsPerAddressPerDay = 10_000
    /// Letters in a search text.
    public var searchCharacters = 200
    /// Words in a search text.
    public var searchWords = 20

    public init() {}
}

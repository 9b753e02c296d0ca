/// Whether a dossier (or a step) finished before its appointment date, on it, or after its due time.
public enum Timeliness: String, Sendable, CaseIterable {
    /// Finished on a day before the appointment date (sớm hạn).
    case early
    /// Finished on the appointment date, by the due time (đúng hạn).
    case onTime
    /// Finished after the due time (quá hạn).
    case late

    public static func mark(finishedAt: LocalDateTime, due: LocalDateTime) -> Timeliness {
        if finishedAt > due { return .late }
        return finishedAt.date < due.date ? .early : .onTime
    }

    public var name: String {
        switch self {
        case .early: "Trước hạn"
        case .onTime: "Đúng hạn"
        case .late: "Quá hạn"
        }
    }
}

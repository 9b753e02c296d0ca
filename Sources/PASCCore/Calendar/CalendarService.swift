import Foundation
import PASCDomain

/// The working calendar built from the rules and the announced days in the store.
///
/// Built once and kept for a minute: announcements change a few times a year, and several servers
/// share one database, so each picks up another's change within `maximumAge`. A change made
/// through this process is seen at once (``invalidate()``).
public final class CalendarService: Sendable {
    let store: any MasterDataStore
    let clock: any Clock
    let maximumAge: TimeInterval
    private let cache = LockedValue<(calendar: WorkingCalendar, builtAt: Date)?>(nil)

    public init(store: any MasterDataStore, clock: any Clock, maximumAge: TimeInterval = 60) {
        self.store = store
        self.clock = clock
        self.maximumAge = maximumAge
    }

    public func calendar() async throws -> WorkingCalendar {
        let now = clock.now()
        if let cached = cache.value, now.timeIntervalSince(cached.builtAt) < maximumAge, now >= cached.builtAt {
            return cached.calendar
        }
        let calendar = WorkingCalendar(announced: try await store.allAnnouncedDays())
        cache.value = (calendar, now)
        return calendar
    }

    public func invalidate() { cache.value = nil }

    /// The appointment a dossier of `procedure` would get if submitted at `submittedAt`.
    public func appointment(for procedure: Procedure, submittedAt: Date) async throws -> Appointment {
        Appointment.count(procedure.timeLimit, submittedAt: VietnamTime.localDateTime(submittedAt), calendar: try await calendar())
    }
}

/// A value behind a lock, for the few caches shared across tasks.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Reads and changes the value under one hold of the lock.
    func withValue<R>(_ change: (inout Value) -> R) -> R { lock.withLock { change(&stored) } }
}

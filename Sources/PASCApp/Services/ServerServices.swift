import Crypto
import Foundation
import PASCCore
import PASCDomain

/// The stateful services of one server, built once and handed to the routes and to the
/// background services alike.
///
/// Each of these keeps something between requests (a cache, an invalidation, a feed). Built twice,
/// the copies drift: the lateness sweep kept its own calendar and missed a day off announced
/// through the routes until its minute ran out. One instance of each closes that gap.
public struct ServerServices: Sendable {
    public let calendar: CalendarService
    public let network: NetworkCache
    public let queueDesk: QueueDesk
    public let log: TransparencyLog
    public let statistics: PublicStatistics
    public let sweep: LatenessSweep
    public let throttle: Throttle
    public let limits: RequestLimits

    public init(store: any PlatformStore, clock: any Clock, limits: RequestLimits = RequestLimits()) {
        self.limits = limits
        let calendar = CalendarService(store: store, clock: clock)
        self.calendar = calendar
        network = NetworkCache(store: store, clock: clock)
        throttle = Throttle(counters: store, clock: clock, limits: limits, digest: { SHA256SecretHasher().digest($0) })
        var desk = QueueDesk(
            store: store,
            calendar: calendar,
            clock: clock,
            onlineLimitPerDay: limits.onlineTicketsPerPersonPerDay,
            digest: { SHA256SecretHasher().digest($0) }
        )
        desk.throttle = throttle
        queueDesk = desk
        log = TransparencyLog(store: store, clock: clock)
        statistics = PublicStatistics(store: store, calendar: calendar, clock: clock)
        sweep = LatenessSweep(store: store, calendar: calendar, clock: clock)
    }
}

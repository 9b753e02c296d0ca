import PASCDomain

/// Which offices are overloaded or under-loaded over a recent window, and where officers could
/// move: a first, simple rule (nearest first) that the staffing planner will replace.
///
/// An office's counters can serve `opening minutes ÷ mean service minutes` tickets a day each. It
/// needs as many counters as its demand fills (at least one). It is **overloaded** when its mean
/// wait exceeded the target or it needed more counters than it opened; **under-loaded** when its
/// wait met the target and it has officers beyond what its demand needs. An office without a
/// ticket in the window is neither (no data). Moves never take an office below what it needs, nor
/// below one officer.
public enum OverloadRule {
    public struct OfficeLoad: Hashable, Sendable {
        public let office: OfficeCode
        public let location: Coordinate
        /// Officers the office has (reception staff homed there).
        public let officers: Int
        /// Over the window: days open, tickets, counter-days open, waits and service times.
        public let days: Int
        public let tickets: Int
        public let counterDays: Int
        public let meanWaitMinutes: Double?
        public let meanServiceMinutes: Double?
        public let openMinutesPerDay: Int

        public init(
            office: OfficeCode,
            location: Coordinate,
            officers: Int,
            days: Int,
            tickets: Int,
            counterDays: Int,
            meanWaitMinutes: Double?,
            meanServiceMinutes: Double?,
            openMinutesPerDay: Int
        ) {
            self.office = office
            self.location = location
            self.officers = officers
            self.days = days
            self.tickets = tickets
            self.counterDays = counterDays
            self.meanWaitMinutes = meanWaitMinutes
            self.meanServiceMinutes = meanServiceMinutes
            self.openMinutesPerDay = openMinutesPerDay
        }

        /// Tickets one counter serves in a day at the office's own pace; nil before any service.
        public var capacityPerCounter: Double? {
            guard let meanServiceMinutes, meanServiceMinutes > 0 else { return nil }
            return Double(openMinutesPerDay) / meanServiceMinutes
        }

        public var ticketsPerDay: Double { days == 0 ? 0 : Double(tickets) / Double(days) }
        public var countersPerDay: Double { days == 0 ? 0 : Double(counterDays) / Double(days) }

        /// Counters the demand fills, at least one.
        public var countersNeeded: Int {
            guard let capacityPerCounter else { return 1 }
            return max(1, Int((ticketsPerDay / capacityPerCounter).rounded(.up)))
        }
    }

    public enum Load: String, Sendable, Codable {
        case overloaded, balanced, underloaded
    }

    public struct Assessment: Hashable, Sendable {
        public let office: OfficeCode
        public let load: Load
        /// Officers short (overloaded) or to spare (under-loaded); 0 when balanced.
        public let officers: Int
        public let reason: Reason
    }

    public enum Reason: String, Sendable, Codable {
        case waitOverTarget, demandOverCounters, waitAndDemand, spareOfficers, none, noData
    }

    public struct Move: Hashable, Sendable {
        public let from: OfficeCode
        public let to: OfficeCode
        public let officers: Int
        public let distanceKm: Double
    }

    public static func assess(_ office: OfficeLoad, waitTargetMinutes: Double = Double(CounterIndicators.waitTargetMinutes)) -> Assessment {
        // No ticket in the window: nothing to judge by (the office may not use the queue yet).
        guard office.tickets > 0, office.days > 0 else {
            return Assessment(office: office.office, load: .balanced, officers: 0, reason: .noData)
        }
        let needed = office.countersNeeded
        let waitOver = (office.meanWaitMinutes ?? 0) > waitTargetMinutes
        let demandOver = office.capacityPerCounter != nil && Double(needed) > office.countersPerDay.rounded(.up)
        if waitOver || demandOver {
            // Short by what the demand needs beyond the officers there; a long wait asks for one more at least.
            let short = max(needed - office.officers, waitOver ? 1 : 0, demandOver ? needed - Int(office.countersPerDay.rounded(.up)) : 0)
            let reason: Reason = waitOver && demandOver ? .waitAndDemand : (waitOver ? .waitOverTarget : .demandOverCounters)
            return Assessment(office: office.office, load: .overloaded, officers: max(1, short), reason: reason)
        }
        let spare = office.officers - max(1, needed)
        if spare > 0 {
            return Assessment(office: office.office, load: .underloaded, officers: spare, reason: .spareOfficers)
        }
        return Assessment(office: office.office, load: .balanced, officers: 0, reason: .none)
    }

    /// Moves from under-loaded offices to overloaded ones: the most short first, each taking from
    /// the nearest offices with officers to spare.
    public static func moves(_ offices: [OfficeLoad], waitTargetMinutes: Double = Double(CounterIndicators.waitTargetMinutes)) -> [Move] {
        let assessed = offices.map { ($0, assess($0, waitTargetMinutes: waitTargetMinutes)) }
        var spare = Dictionary(uniqueKeysWithValues: assessed.filter { $0.1.load == .underloaded }.map { ($0.0.office, $0.1.officers) })
        let givers = assessed.filter { $0.1.load == .underloaded }.map(\.0)
        let takers = assessed.filter { $0.1.load == .overloaded }
            .sorted { ($0.1.officers, $1.0.office.rawValue) > ($1.1.officers, $0.0.office.rawValue) }
        var moves: [Move] = []
        for (taker, assessment) in takers {
            var short = assessment.officers
            let nearest = givers.map { ($0, $0.location.distanceKm(to: taker.location)) }
                .sorted { ($0.1, $0.0.office.rawValue) < ($1.1, $1.0.office.rawValue) }
            for (giver, distance) in nearest where short > 0 {
                let available = spare[giver.office] ?? 0
                guard available > 0 else { continue }
                let moved = min(available, short)
                spare[giver.office] = available - moved
                short -= moved
                moves.append(Move(from: giver.office, to: taker.office, officers: moved, distanceKm: distance))
            }
        }
        return moves
    }
}

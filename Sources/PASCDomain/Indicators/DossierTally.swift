/// What the dossiers of one office, agency or procedure (or the province) did on one day or in
/// one month. The store keeps these counts in the transaction of every step, so the dashboard
/// adds up a few hundred rows for a year instead of reading the dossiers.
public struct DossierTally: Hashable, Sendable {
    public var received = 0
    public var viaCounter = 0
    public var viaPost = 0
    public var viaOnline = 0
    /// Results made ready, by their mark against the legal date.
    public var early = 0
    public var onTime = 0
    public var late = 0
    /// Working days from reception to the result, summed over the results counted above.
    public var handlingDays = 0
    /// Dossiers that left processing (result ready, stopped or withdrawn) ...
    public var closed = 0
    /// ... and of those, the ones that left after their appointment.
    public var closedLate = 0
    public var stopped = 0
    public var withdrawn = 0
    public var returned = 0
    public var apologies = 0
    /// Dossiers whose papers were first scanned (once per dossier).
    public var digitised = 0
    /// Results made ready with a scanned (electronic) result document.
    public var electronicResults = 0
    public var payments = 0
    public var onlinePayments = 0
    public var ratedVerySatisfied = 0
    public var ratedSatisfied = 0
    public var ratedUnsatisfied = 0

    public init() {}

    /// The store's column for each count, in one order (the columns of `dossier_tallies`).
    public static var columns: [(name: String, keyPath: WritableKeyPath<DossierTally, Int>)] {
        [
            ("received", \.received), ("via_counter", \.viaCounter), ("via_post", \.viaPost), ("via_online", \.viaOnline),
            ("early", \.early), ("on_time", \.onTime), ("late", \.late), ("handling_days", \.handlingDays),
            ("closed", \.closed), ("closed_late", \.closedLate), ("stopped", \.stopped), ("withdrawn", \.withdrawn),
            ("returned", \.returned), ("apologies", \.apologies), ("digitised", \.digitised),
            ("electronic_results", \.electronicResults), ("payments", \.payments), ("online_payments", \.onlinePayments),
            ("rated_very_satisfied", \.ratedVerySatisfied), ("rated_satisfied", \.ratedSatisfied),
            ("rated_unsatisfied", \.ratedUnsatisfied),
        ]
    }

    public var isZero: Bool { Self.columns.allSatisfy { self[keyPath: $0.keyPath] == 0 } }

    /// Results made ready (early, on time or late).
    public var finished: Int { early + onTime + late }

    public var ratings: Int { ratedVerySatisfied + ratedSatisfied + ratedUnsatisfied }

    public static func + (lhs: DossierTally, rhs: DossierTally) -> DossierTally {
        var sum = lhs
        sum += rhs
        return sum
    }

    public static func += (lhs: inout DossierTally, rhs: DossierTally) {
        for column in columns { lhs[keyPath: column.keyPath] += rhs[keyPath: column.keyPath] }
    }

    /// The count for one rating level given by an applicant.
    public static func rating(_ level: Rating.Level) -> DossierTally {
        var tally = DossierTally()
        switch level {
        case .verySatisfied: tally.ratedVerySatisfied = 1
        case .satisfied: tally.ratedSatisfied = 1
        case .notSatisfied: tally.ratedUnsatisfied = 1
        }
        return tally
    }
}

/// The dossiers counted under one appointment time: how many were ever given it (moved along
/// when an apology or a pause moves the appointment) and how many of those left processing by
/// it. With the late departures by day, these give the dossiers late in progress at any past
/// moment without reading a dossier.
public struct DueTally: Hashable, Sendable {
    public var total = 0
    public var closedInTime = 0

    public init(total: Int = 0, closedInTime: Int = 0) {
        self.total = total
        self.closedInTime = closedInTime
    }

    public static func += (lhs: inout DueTally, rhs: DueTally) {
        lhs.total += rhs.total
        lhs.closedInTime += rhs.closedInTime
    }

    public var isZero: Bool { total == 0 && closedInTime == 0 }
}

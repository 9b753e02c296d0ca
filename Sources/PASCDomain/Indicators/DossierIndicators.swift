/// The dossier indicators of one scope and period, from its counts: what the leader's dashboard
/// shows and Decision 766 scores.
///
/// The national set's on-time arithmetic (as provincial portals publish it): the dossiers *to be
/// processed* in a period are those still open when it began plus those received in it; the
/// late rate is (late in progress at its end + results made late in it) ÷ to be processed, and
/// the on-time rate is what is left.
public struct DossierIndicators: Hashable, Sendable {
    public let received: Int
    public let viaCounter: Int
    public let viaPost: Int
    public let viaOnline: Int
    public let early: Int
    public let onTime: Int
    public let late: Int
    public let stopped: Int
    public let withdrawn: Int
    public let returned: Int
    public let apologies: Int
    /// Open when the period began.
    public let carriedOver: Int
    public let toProcess: Int
    /// Open when the period ended (or now, for a period that has not ended).
    public let inProgress: Int
    /// Of those, past their appointment at that moment.
    public let lateInProgress: Int
    /// Open, clock running and past the appointment now, whatever the period.
    public let overdueNow: Int
    public let lateRate: Ratio
    public let meanHandlingDays: Double?
    public let onlineShare: Ratio
    public let onlinePaymentShare: Ratio
    public let electronicResultShare: Ratio
    public let digitisedShare: Ratio
    /// Very satisfied or satisfied, of the ratings given in the period.
    public let satisfaction: Ratio
    public let ratings: Int

    /// `period`: the counts of the period; `before`: every count before it; `lateInProgress`
    /// at the period's end and `overdueNow` from the counts by appointment.
    public init(period: DossierTally, before: DossierTally, lateInProgress: Int, overdueNow: Int) {
        received = period.received
        viaCounter = period.viaCounter
        viaPost = period.viaPost
        viaOnline = period.viaOnline
        early = period.early
        onTime = period.onTime
        late = period.late
        stopped = period.stopped
        withdrawn = period.withdrawn
        returned = period.returned
        apologies = period.apologies
        carriedOver = before.received - before.closed
        toProcess = carriedOver + period.received
        inProgress = toProcess - period.closed
        self.lateInProgress = lateInProgress
        self.overdueNow = overdueNow
        lateRate = Ratio(lateInProgress + period.late, of: toProcess)
        meanHandlingDays = period.finished == 0 ? nil : Double(period.handlingDays) / Double(period.finished)
        onlineShare = Ratio(period.viaOnline, of: period.received)
        onlinePaymentShare = Ratio(period.onlinePayments, of: period.payments)
        electronicResultShare = Ratio(period.electronicResults, of: period.finished)
        digitisedShare = Ratio(period.digitised, of: period.received)
        satisfaction = Ratio(period.ratedVerySatisfied + period.ratedSatisfied, of: period.ratings)
        ratings = period.ratings
    }

    /// 1 − the late rate; nil when nothing was to be processed.
    public var onTimeRate: Double? { lateRate.value.map { 1 - $0 } }

    public var finished: Int { early + onTime + late }
}

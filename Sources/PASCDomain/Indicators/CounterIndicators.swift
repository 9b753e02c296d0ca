/// The counter indicators of one scope and period, from the queue's day counts: waits against
/// the 15-minute target, reception against 30 minutes, and the yearly intake per duty officer
/// against the office's norm.
public struct CounterIndicators: Hashable, Sendable {
    public static let waitTargetMinutes = 15
    public static let receptionTargetMinutes = 30

    public let tickets: Int
    public let called: Int
    public let meanWaitMinutes: Double?
    public let p90WaitMinutes: Int?
    /// Waits of 15 minutes or more, of the tickets called.
    public let waitsOverTarget: Ratio
    public let services: Int
    public let meanServiceMinutes: Double?
    /// Counter-days with an officer on duty.
    public let officerDays: Int
    /// Dossiers received ÷ officer-days × working days in the year.
    public let yearlyIntakePerOfficer: Double?
    /// The norm for the scope: each office's (1,600 urban, 1,200 rural, 800 remote) weighted by
    /// its officer-days; nil with no officer-days.
    public let norm: Double?

    public init(
        tickets: Int,
        called: Int,
        waits: WaitHistogram,
        waitsOver15: Int,
        services: Int,
        serviceSeconds: Int,
        officerDays: Int,
        received: Int,
        workingDaysPerYear: Int,
        normWeightedDays: Int
    ) {
        self.tickets = tickets
        self.called = called
        meanWaitMinutes = waits.meanSeconds.map { $0 / 60 }
        p90WaitMinutes = waits.percentileMinutes(0.9)
        waitsOverTarget = Ratio(waitsOver15, of: called)
        self.services = services
        meanServiceMinutes = services == 0 ? nil : Double(serviceSeconds) / Double(services) / 60
        self.officerDays = officerDays
        yearlyIntakePerOfficer = officerDays == 0 ? nil : Double(received) / Double(officerDays) * Double(workingDaysPerYear)
        norm = officerDays == 0 ? nil : Double(normWeightedDays) / Double(officerDays)
    }

    /// Whether the intake per officer reaches the norm; nil without officer-days.
    public var meetsNorm: Bool? {
        guard let yearlyIntakePerOfficer, let norm else { return nil }
        return yearlyIntakePerOfficer >= norm
    }
}

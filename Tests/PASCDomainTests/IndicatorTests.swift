import Foundation
import PASCDomain
import Testing

/// The dashboard's arithmetic: what each step adds to the counts, the indicators from counts,
/// and the national score, against numbers worked out by hand.
@Suite("Dashboard arithmetic")
struct IndicatorTests {
    static let actor = EventActor(username: "x", role: .specialist)

    static func at(_ text: String) -> LocalDateTime { LocalDateTime(iso: text)! }

    static func event(_ action: DossierAction, _ from: DossierStatus, _ to: DossierStatus, details: [String: String] = [:]) -> DossierEvent {
        DossierEvent(
            action: action,
            from: from,
            to: to,
            actor: actor,
            at: Date(timeIntervalSince1970: 0),
            reason: nil,
            attachments: [],
            details: details
        )
    }

    @Test func aPauseTakesTheDossierOutOfTheOpenCountsAndItsResumeBringsItBackUnderTheNewDate() {
        let due = Self.at("2026-09-18T17:00")
        var (state, effect) = TallyStep.accept(channel: .online, due: due)
        #expect(effect.day.received == 1 && effect.day.viaOnline == 1 && effect.day.viaCounter == 0)
        #expect(effect.dues == [due: DueTally(total: 1)] && effect.open == [due: 1])
        (state, effect) = TallyStep.apply(
            Self.event(.startProcessing, .accepted, .processing),
            at: Self.at("2026-09-15T10:00"),
            to: state,
            newDue: nil,
            finish: nil
        )
        #expect(effect.isEmpty, "still open under the same date")
        (state, effect) = TallyStep.apply(
            Self.event(.requestSupplement, .processing, .supplementRequested),
            at: Self.at("2026-09-15T11:00"),
            to: state,
            newDue: nil,
            finish: nil
        )
        #expect(effect.open == [due: -1] && !state.running)
        let later = Self.at("2026-09-21T17:00")
        (state, effect) = TallyStep.apply(
            Self.event(.completeSupplement, .supplementRequested, .processing),
            at: Self.at("2026-09-17T09:00"),
            to: state,
            newDue: later,
            finish: nil
        )
        #expect(effect.open == [later: 1])
        #expect(effect.dues == [due: DueTally(total: -1), later: DueTally(total: 1)])
        // Ready after the new date: late, left late (nothing counted "in time" under a date).
        (state, effect) = TallyStep.apply(
            Self.event(.markResultReady, .processing, .resultReady, details: ["resultDocuments": "1"]),
            at: Self.at("2026-09-22T08:00"),
            to: state,
            newDue: nil,
            finish: (.late, 5)
        )
        #expect(effect.day.late == 1 && effect.day.handlingDays == 5 && effect.day.closed == 1 && effect.day.closedLate == 1)
        #expect(effect.day.electronicResults == 1 && effect.open == [later: -1] && effect.dues.isEmpty)
        (_, effect) = TallyStep.apply(
            Self.event(.returnResult, .resultReady, .returned),
            at: Self.at("2026-09-22T09:00"),
            to: state,
            newDue: nil,
            finish: nil
        )
        #expect(effect.day.returned == 1 && effect.day.closed == 0, "returning is not leaving processing again")
    }

    @Test func aPaymentStopsTheClockOnlyWhereTheProcedureSaysAndScansCountOnce() {
        let due = Self.at("2026-09-18T17:00")
        var (state, effect) = TallyStep.accept(channel: .counter, due: due)
        (state, _) = TallyStep.apply(
            Self.event(.startProcessing, .accepted, .processing),
            at: Self.at("2026-09-15T10:00"),
            to: state,
            newDue: nil,
            finish: nil
        )
        var running = state
        (running, effect) = TallyStep.apply(
            Self.event(.requestPayment, .processing, .paymentRequested, details: ["stopsClock": "false"]),
            at: Self.at("2026-09-15T11:00"),
            to: running,
            newDue: nil,
            finish: nil
        )
        #expect(running.running && effect.isEmpty)
        (running, effect) = TallyStep.apply(
            Self.event(.recordPayment, .paymentRequested, .processing, details: ["method": "online"]),
            at: Self.at("2026-09-16T11:00"),
            to: running,
            newDue: nil,
            finish: nil
        )
        #expect(effect.day.payments == 1 && effect.day.onlinePayments == 1 && effect.open.isEmpty)
        var stopped = state
        (stopped, effect) = TallyStep.apply(
            Self.event(.requestPayment, .processing, .paymentRequested, details: ["stopsClock": "true"]),
            at: Self.at("2026-09-15T11:00"),
            to: stopped,
            newDue: nil,
            finish: nil
        )
        #expect(!stopped.running && effect.open == [due: -1])
        // A scan of papers counts the dossier digitised once; a result scan does not.
        (state, effect) = TallyStep.apply(
            Self.event(.attachDocument, .processing, .processing, details: ["role": "result"]),
            at: Self.at("2026-09-15T12:00"),
            to: state,
            newDue: nil,
            finish: nil
        )
        #expect(effect.day.digitised == 0)
        (state, effect) = TallyStep.apply(
            Self.event(.attachDocument, .processing, .processing, details: ["role": "paper"]),
            at: Self.at("2026-09-15T12:00"),
            to: state,
            newDue: nil,
            finish: nil
        )
        #expect(effect.day.digitised == 1 && state.digitised && state.running)
        (state, effect) = TallyStep.apply(
            Self.event(.attachDocument, .processing, .processing, details: ["role": "paper"]),
            at: Self.at("2026-09-15T12:05"),
            to: state,
            newDue: nil,
            finish: nil
        )
        #expect(effect.day.digitised == 0)
        // Withdrawn before the date: left in time, counted under its date.
        (_, effect) = TallyStep.apply(
            Self.event(.withdraw, .processing, .withdrawn),
            at: Self.at("2026-09-16T08:00"),
            to: state,
            newDue: nil,
            finish: nil
        )
        #expect(effect.day.withdrawn == 1 && effect.day.closed == 1 && effect.day.closedLate == 0)
        #expect(effect.dues == [due: DueTally(closedInTime: 1)] && effect.open == [due: -1])
    }

    @Test func indicatorsFromCountsAsWorkedOutByHand() {
        var period = DossierTally()
        period.received = 40
        period.viaOnline = 10
        period.early = 12
        period.onTime = 8
        period.late = 5
        period.handlingDays = 75
        period.closed = 27  // 25 results, 2 withdrawn
        period.payments = 4
        period.onlinePayments = 1
        period.digitised = 30
        period.electronicResults = 20
        period.ratedVerySatisfied = 3
        period.ratedSatisfied = 5
        period.ratedUnsatisfied = 2
        var before = DossierTally()
        before.received = 100
        before.closed = 90
        let d = DossierIndicators(period: period, before: before, lateInProgress: 3, overdueNow: 2)
        #expect(d.carriedOver == 10 && d.toProcess == 50 && d.inProgress == 23)
        #expect(d.lateRate == Ratio(8, of: 50), "(3 late in progress + 5 finished late) ÷ 50")
        #expect(d.onTimeRate == 0.84)
        #expect(d.meanHandlingDays == 3, "75 ÷ 25")
        #expect(d.onlineShare.percent == 25 && d.onlinePaymentShare.percent == 25 && d.digitisedShare.percent == 75)
        #expect(d.electronicResultShare.percent == 80 && d.satisfaction.percent == 80)
        let none = DossierIndicators(period: DossierTally(), before: DossierTally(), lateInProgress: 0, overdueNow: 0)
        #expect(none.onTimeRate == nil && none.satisfaction.value == nil && none.meanHandlingDays == nil)

        var waits = WaitHistogram()
        for seconds in [60, 300, 600, 1200, 1800] { waits.add(seconds: seconds) }
        let c = CounterIndicators(
            tickets: 6,
            called: 5,
            waits: waits,
            waitsOver15: 2,
            services: 5,
            serviceSeconds: 6000,
            officerDays: 4,
            received: 20,
            workingDaysPerYear: 250,
            normWeightedDays: 3 * 1600 + 1 * 800
        )
        #expect(c.meanWaitMinutes == 13.2, "(1 + 5 + 10 + 20 + 30) ÷ 5")
        #expect(c.waitsOverTarget == Ratio(2, of: 5) && c.meanServiceMinutes == 20)
        #expect(c.yearlyIntakePerOfficer == 1250, "20 ÷ 4 × 250")
        #expect(c.norm == 1400 && c.meetsNorm == false, "(3 × 1,600 + 800) ÷ 4")
    }

    @Test func theScoreGivesNothingForWhatIsNotMeasured() throws {
        let score = NationalScore(shares: [.onTimeResults: 0.9, .digitisedDossiers: 0.4, .dossiersOnline: 0.6, .receptionSatisfaction: 0.75])
        #expect(score.earned(in: .timeliness) == 18, "20 × 0.9")
        #expect(score.earned(in: .digitisation) == 2, "4 × 0.4 ÷ 0.8")
        #expect(score.earned(in: .onlineServices) == 6, "6 × min(1, 0.6 ÷ 0.5)")
        #expect(score.earned(in: .satisfaction) == 4.5 && score.earned(in: .transparency) == 0)
        #expect(score.total == 30.5)
        let measured: Double = 20 + 4 + 6 + 6
        #expect(score.measured == measured)
        #expect(score.noData.contains(.feedbackSatisfaction) && !score.noData.contains(.onTimeResults))
        #expect(throws: ValidationError.self) {
            try NationalScoreRules(items: [.onTimeResults: .init(points: 21, threshold: 1)])
        }
    }

    @Test func periodsAroundADateAndRangesRefusedByName() throws {
        let day = try LocalDate(iso: "2026-09-16")  // a Wednesday
        func shape(_ kind: DashboardPeriod.Kind) -> String {
            let period = DashboardPeriod(kind, containing: day)
            return "\(period.from)..\(period.lastDay)"
        }
        #expect(shape(.day) == "2026-09-16..2026-09-16")
        #expect(shape(.week) == "2026-09-14..2026-09-20")
        #expect(shape(.month) == "2026-09-01..2026-09-30")
        #expect(shape(.quarter) == "2026-07-01..2026-09-30")
        #expect(shape(.year) == "2026-01-01..2026-12-31")
        #expect(DashboardPeriod(.month, containing: day).seriesGrain == .day && DashboardPeriod(.year, containing: day).seriesGrain == .month)
        #expect(try LocalDate(iso: "2024-02-29").firstOfNextMonth.description == "2024-03-01")
        #expect(try LocalDate(iso: "2026-12-31").addingMonths(1).description == "2027-01-01")
        #expect(try DashboardPeriod(first: day, last: day).days == 1)
        for (first, last) in [("2026-09-16", "2026-09-15"), ("2024-01-01", "2027-01-01")] {
            let error = #expect(throws: ValidationErrors.self) { try DashboardPeriod(first: LocalDate(iso: first), last: LocalDate(iso: last)) }
            #expect(error?.errors.map(\.field) == ["to"])
        }
        #expect(try DashboardPeriod(first: LocalDate(iso: "2024-01-01"), last: LocalDate(iso: "2026-12-31")).days == 1096)
    }
}

@Suite("Score rules from a province's file")
struct NationalScoreRulesTests {
    @Test func aFileReplacesTheItemsItNamesAndRefusesWhatIsWrong() throws {
        let rules = try NationalScoreRules(
            json: Data(#"{"items":{"digitisedDossiers":{"points":8,"threshold":0.5},"otherDigitisation":{"points":6,"threshold":1}}}"#.utf8)
        )
        #expect(rules.items[.digitisedDossiers] == .init(points: 8, threshold: 0.5))
        #expect(rules.items[.onTimeResults] == NationalScoreRules.standard.items[.onTimeResults])
        #expect(NationalScore(shares: [.digitisedDossiers: 0.25], rules: rules).earned(in: .digitisation) == 4, "8 × 0.25 ÷ 0.5")
        for (json, field) in [
            (#"{"items":{"speed":{"points":1,"threshold":1}}}"#, "items.speed"),
            (#"{"items":{"onTimeResults":{"points":"20","threshold":1}}}"#, "items.onTimeResults"),
            (#"{"items":{"onTimeResults":{"points":20,"threshold":1.5}}}"#, "items.onTimeResults"),
            (#"{"items":{"onTimeResults":{"points":25,"threshold":1}}}"#, "items"),
            (#"{"rules":{}}"#, "items"),
        ] {
            let error = #expect(throws: ValidationErrors.self, "\(json)") { try NationalScoreRules(json: Data(json.utf8)) }
            #expect(error?.errors.first?.field == field, "\(json)")
        }
    }
}

@Suite("Dashboard periods at the calendar's edges")
struct DashboardPeriodEdgeTests {
    /// The earliest and latest dates a request may name: the working-day count of their year (the
    /// intake per officer's divisor) is computed, not a crash.
    @Test func workingDaysOfTheFirstAndLastYearsAreCounted() throws {
        let calendar = WorkingCalendar()
        for (first, last) in [("1900-01-01", "1900-12-31"), ("2200-01-01", "2200-12-31")] {
            let start = try LocalDate(iso: first)
            let days = calendar.workingDays(after: start.adding(days: -1), through: try LocalDate(iso: last))
            #expect((240...262).contains(days), "\(first): \(days)")
            let year = DashboardPeriod(.year, containing: start)
            #expect(year.days == 365)
        }
    }
}

import PASCCore
import PASCDomain
import PASCPlanning

/// The dashboard's JSON: every figure with the parts it is made of; a share of nothing is null.
enum DashboardViews {
    struct RatioView: Encodable, Sendable {
        let part: Int
        let whole: Int
        @ExplicitNull var value: Double?

        init(_ ratio: Ratio) {
            part = ratio.part
            whole = ratio.whole
            value = ratio.value
        }
    }

    struct DossiersView: Encodable, Sendable {
        let received: Int
        let receivedByChannel: [String: Int]
        let finishedEarly: Int
        let finishedOnTime: Int
        let finishedLate: Int
        let stopped: Int
        let withdrawn: Int
        let returned: Int
        let apologyLetters: Int
        let carriedOver: Int
        let toProcess: Int
        let inProgress: Int
        let lateInProgress: Int
        let overdueNow: Int
        /// (late in progress + finished late) ÷ to be processed.
        let lateRate: RatioView
        @ExplicitNull var onTimeRate: Double?
        @ExplicitNull var meanHandlingDays: Double?
        let onlineShare: RatioView
        let onlinePaymentShare: RatioView
        let electronicResultShare: RatioView
        let digitisedShare: RatioView
        let satisfaction: RatioView

        init(_ d: DossierIndicators) {
            received = d.received
            receivedByChannel = ["counter": d.viaCounter, "post": d.viaPost, "online": d.viaOnline]
            finishedEarly = d.early
            finishedOnTime = d.onTime
            finishedLate = d.late
            stopped = d.stopped
            withdrawn = d.withdrawn
            returned = d.returned
            apologyLetters = d.apologies
            carriedOver = d.carriedOver
            toProcess = d.toProcess
            inProgress = d.inProgress
            lateInProgress = d.lateInProgress
            overdueNow = d.overdueNow
            lateRate = RatioView(d.lateRate)
            onTimeRate = d.onTimeRate
            meanHandlingDays = d.meanHandlingDays
            onlineShare = RatioView(d.onlineShare)
            onlinePaymentShare = RatioView(d.onlinePaymentShare)
            electronicResultShare = RatioView(d.electronicResultShare)
            digitisedShare = RatioView(d.digitisedShare)
            satisfaction = RatioView(d.satisfaction)
        }
    }

    struct CountersView: Encodable, Sendable {
        let tickets: Int
        let called: Int
        @ExplicitNull var meanWaitMinutes: Double?
        @ExplicitNull var p90WaitMinutes: Int?
        let waitsOverTarget: RatioView
        let waitTargetMinutes: Int
        let services: Int
        @ExplicitNull var meanReceptionMinutes: Double?
        let receptionTargetMinutes: Int
        let officerDays: Int
        @ExplicitNull var yearlyIntakePerOfficer: Double?
        @ExplicitNull var norm: Double?
        @ExplicitNull var meetsNorm: Bool?

        init(_ c: CounterIndicators) {
            tickets = c.tickets
            called = c.called
            meanWaitMinutes = c.meanWaitMinutes
            p90WaitMinutes = c.p90WaitMinutes
            waitsOverTarget = RatioView(c.waitsOverTarget)
            waitTargetMinutes = CounterIndicators.waitTargetMinutes
            services = c.services
            meanReceptionMinutes = c.meanServiceMinutes
            receptionTargetMinutes = CounterIndicators.receptionTargetMinutes
            officerDays = c.officerDays
            yearlyIntakePerOfficer = c.yearlyIntakePerOfficer
            norm = c.norm
            meetsNorm = c.meetsNorm
        }
    }

    struct RowView: Encodable, Sendable {
        let key: String
        let name: String
        let nameEn: String
        @ExplicitNull var areaType: String?
        let dossiers: DossiersView
        @ExplicitNull var counters: CountersView?

        init(_ row: DashboardReport.Row) {
            key = row.key
            name = row.name
            nameEn = row.nameEn
            areaType = row.areaType?.rawValue
            dossiers = DossiersView(row.dossiers)
            counters = row.counters.map(CountersView.init)
        }
    }

    struct ScoreItemView: Encodable, Sendable {
        let item: String
        let points: Double
        let threshold: Double
        @ExplicitNull var share: Double?
        @ExplicitNull var earned: Double?
        /// PASC has no input for this item: it earns nothing.
        let noData: Bool
    }

    struct ScoreGroupView: Encodable, Sendable {
        let group: String
        let maximum: Double
        let earned: Double
        let measured: Double
        let items: [ScoreItemView]
    }

    struct ScoreView: Encodable, Sendable {
        let maximum: Double
        let total: Double
        /// Points of the items PASC could measure.
        let measured: Double
        let groups: [ScoreGroupView]

        init(_ score: NationalScore) {
            maximum = 100
            total = score.total
            measured = score.measured
            groups = NationalScore.Group.allCases.map { group in
                ScoreGroupView(
                    group: group.rawValue,
                    maximum: group.maximum,
                    earned: score.earned(in: group),
                    measured: score.measured(in: group),
                    items: score.items(in: group).map {
                        ScoreItemView(
                            item: $0.key.rawValue,
                            points: $0.points,
                            threshold: $0.threshold,
                            share: $0.share,
                            earned: $0.earned,
                            noData: $0.share == nil
                        )
                    }
                )
            }
        }
    }

    struct SeriesView: Encodable, Sendable {
        let period: String
        let received: Int
        let finishedEarly: Int
        let finishedOnTime: Int
        let finishedLate: Int
    }

    struct LoadView: Encodable, Sendable {
        let office: String
        let name: String
        let load: String
        let reason: String
        /// Officers short (overloaded) or to spare (under-loaded).
        let officers: Int
        let officersAtOffice: Int
        let ticketsPerDay: Double
        let countersPerDay: Double
        let countersNeeded: Int
        @ExplicitNull var meanWaitMinutes: Double?
    }

    struct MoveView: Encodable, Sendable {
        let from: String
        let fromName: String
        let to: String
        let toName: String
        let officers: Int
        let distanceKm: Double
    }

    struct OverloadView: Encodable, Sendable {
        let first: String
        let last: String
        let workingDays: Int
        let offices: [LoadView]
        let moves: [MoveView]

        init(_ overload: DashboardReport.Overload) {
            first = overload.first.description
            last = overload.last.description
            workingDays = overload.workingDays
            let names = Dictionary(overload.offices.map { ($0.office.code, $0.office.name) }, uniquingKeysWith: { first, _ in first })
            offices = overload.offices.filter { $0.assessment.load != .balanced }.map { line in
                LoadView(
                    office: line.office.code.rawValue,
                    name: line.office.name,
                    load: line.assessment.load.rawValue,
                    reason: line.assessment.reason.rawValue,
                    officers: line.assessment.officers,
                    officersAtOffice: line.load.officers,
                    ticketsPerDay: (line.load.ticketsPerDay * 100).rounded() / 100,
                    countersPerDay: (line.load.countersPerDay * 100).rounded() / 100,
                    countersNeeded: line.load.countersNeeded,
                    meanWaitMinutes: line.load.meanWaitMinutes.map { ($0 * 100).rounded() / 100 }
                )
            }
            moves = overload.moves.map { move in
                MoveView(
                    from: move.from.rawValue,
                    fromName: names[move.from] ?? move.from.rawValue,
                    to: move.to.rawValue,
                    toName: names[move.to] ?? move.to.rawValue,
                    officers: move.officers,
                    distanceKm: (move.distanceKm * 10).rounded() / 10
                )
            }
        }
    }

    struct ReportView: Encodable, Sendable {
        let scope: String
        let scopeName: String
        let scopeNameEn: String
        let period: String
        let from: String
        let to: String
        /// The moment late-in-progress is counted at: the period's end, or now.
        let asOf: String
        let dossiers: DossiersView
        @ExplicitNull var counters: CountersView?
        let score: ScoreView
        let offices: [RowView]
        let agencies: [RowView]
        let procedures: [RowView]
        let seriesGrain: String
        let series: [SeriesView]
        @ExplicitNull var overload: OverloadView?

        init(_ report: DashboardReport) {
            scope = report.scope.description
            scopeName = report.scopeName
            scopeNameEn = report.scopeNameEn
            period = report.period.kind.rawValue
            from = report.period.from.description
            to = report.period.lastDay.description
            asOf = report.moment.description
            dossiers = DossiersView(report.dossiers)
            counters = report.counters.map(CountersView.init)
            score = ScoreView(report.score)
            offices = report.offices.map(RowView.init)
            agencies = report.agencies.map(RowView.init)
            procedures = report.procedures.map(RowView.init)
            seriesGrain = report.seriesGrain.rawValue
            series = report.series.map {
                SeriesView(
                    period: $0.period,
                    received: $0.tally.received,
                    finishedEarly: $0.tally.early,
                    finishedOnTime: $0.tally.onTime,
                    finishedLate: $0.tally.late
                )
            }
            overload = report.overload.map(OverloadView.init)
        }
    }
}

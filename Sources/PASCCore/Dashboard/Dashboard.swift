import Foundation
import PASCDomain
import PASCPlanning

/// The leader's dashboard: every figure from the counts the steps keep (``DashboardStore``),
/// none from the dossiers themselves, so a year of a province costs the same at ten thousand
/// dossiers as at a million.
public struct Dashboard: Sendable {
    public let store: any DashboardStore
    public let directory: any Store
    public let network: NetworkCache
    public let calendar: CalendarService
    public let clock: any Clock
    public let rules: NationalScoreRules
    /// Working days the overload list looks back over.
    public let overloadDays: Int

    public init(
        store: any DashboardStore,
        directory: any Store,
        network: NetworkCache,
        calendar: CalendarService,
        clock: any Clock,
        rules: NationalScoreRules = .standard,
        overloadDays: Int = 5
    ) {
        self.store = store
        self.directory = directory
        self.network = network
        self.calendar = calendar
        self.clock = clock
        self.rules = rules
        self.overloadDays = overloadDays
    }

    /// A scope the member may not see.
    public struct OutOfScope: Error, Equatable, Sendable {
        public let scope: String
    }

    /// The counts of one tally scope that the indicators need.
    struct Raw {
        var period = DossierTally()
        var before = DossierTally()
        var due = DueTally()
        var open = 0

        static func + (lhs: Raw, rhs: Raw) -> Raw {
            var due = lhs.due
            due += rhs.due
            return Raw(period: lhs.period + rhs.period, before: lhs.before + rhs.before, due: due, open: lhs.open + rhs.open)
        }

        var indicators: DossierIndicators {
            DossierIndicators(
                period: period,
                before: before,
                lateInProgress: max(0, due.total - due.closedInTime - before.closedLate - period.closedLate),
                overdueNow: open
            )
        }
    }

    /// The leader's default scope (nil for someone who leads nothing).
    public func home(of member: StaffMember) async throws -> DashboardScope? {
        let offices = try await network.network().offices
        return DashboardScope.home(of: member, root: offices.first { $0.parentCode == nil }?.code)
    }

    /// `recentDays`: the overload list's window in working days (the default ``overloadDays``).
    public func report(
        _ scope: DashboardScope,
        _ period: DashboardPeriod,
        for member: StaffMember,
        recentDays: Int? = nil
    ) async throws -> DashboardReport {
        let (offices, agencies) = try await network.network()
        let root = offices.first { $0.parentCode == nil }
        let tree = OfficeTree(offices: offices)
        let procedures = try await allProcedures()
        // The scope must exist before we say whether it may be seen.
        var name = ("Toàn tỉnh", "Whole province")
        var officeRows: [Office] = []
        var agencyRows: [Agency] = []
        var procedureRows: [Procedure] = []
        var main: [TallyScope]
        switch scope {
        case .province:
            main = [.province]
            officeRows = offices
            agencyRows = agencies
            procedureRows = procedures
        case .branch(let code), .office(let code):
            guard let office = offices.first(where: { $0.code == code }) else { throw StoreError.notFound(kind: "office", code: code.rawValue) }
            name = (office.name, office.nameEn)
            if case .branch = scope {
                officeRows = offices.filter { tree.isInSubtree($0.code, of: code) }
                main = officeRows.map { .office($0.code) }
            } else {
                officeRows = [office]
                main = [.office(code)]
            }
        case .agency(let code):
            guard let agency = agencies.first(where: { $0.code == code }) else { throw StoreError.notFound(kind: "agency", code: code) }
            name = (agency.name, agency.nameEn)
            main = [.agency(code)]
        case .procedure(let code):
            guard let procedure = procedures.first(where: { $0.code == code }) else {
                throw StoreError.notFound(kind: "procedure", code: code.rawValue)
            }
            name = (procedure.name, procedure.nameEn)
            main = [.procedure(code)]
        }
        // An agency scope reaches here only when the agency exists (checked above).
        guard scope.isVisible(to: member, tree: tree, root: root?.code, agencyExists: true) else {
            throw OutOfScope(scope: scope.description)
        }

        let now = VietnamTime.localDateTime(clock.now())
        let end = LocalDateTime(date: period.to, minuteOfDay: 0)
        let moment = min(end, now)
        let wanted = Array(
            Set(
                main + officeRows.map { TallyScope.office($0.code) } + agencyRows.map { TallyScope.agency($0.code) }
                    + procedureRows.map { TallyScope.procedure($0.code) }
            )
        ).sorted()
        let raw = try await rawCounts(wanted, period: period, moment: moment, now: now)
        let total = main.map { raw[$0] ?? Raw() }.reduce(Raw(), +)
        let dossiers = total.indicators

        // Counters: the offices' queues (not for agencies and procedures).
        let counterOffices: [Office] =
            switch scope {
            case .province, .branch, .office: officeRows
            case .agency, .procedure: []
            }
        let working = try await calendar.calendar()
        let yearDays = Self.workingDays(inYearOf: period.from, working)
        let queue = try await store.queueTotals(counterOffices.map(\.code), from: period.from, to: period.to)
        func counters(_ offices: [Office], received: Int) -> CounterIndicators {
            var sum = QueueTotals()
            var normDays = 0
            for office in offices {
                let totals = queue[office.code] ?? QueueTotals()
                sum.add(totals)
                normDays += totals.counterDays * office.areaType.annualDossiersPerOfficerNorm
            }
            return CounterIndicators(
                tickets: sum.tickets,
                called: sum.called,
                waits: sum.waits,
                waitsOver15: sum.waitsOver15,
                services: sum.services,
                serviceSeconds: sum.serviceSeconds,
                officerDays: sum.counterDays,
                received: received,
                workingDaysPerYear: yearDays,
                normWeightedDays: normDays
            )
        }
        let officeLines = officeRows.map { office in
            let indicators = (raw[.office(office.code)] ?? Raw()).indicators
            return DashboardReport.Row(
                key: office.code.rawValue,
                name: office.name,
                nameEn: office.nameEn,
                areaType: office.areaType,
                location: office.location.coordinate,
                dossiers: indicators,
                counters: counters([office], received: indicators.received)
            )
        }
        let agencyLines = agencyRows.map { agency in
            DashboardReport.Row(
                key: agency.code,
                name: agency.name,
                nameEn: agency.nameEn,
                areaType: nil,
                location: nil,
                dossiers: (raw[.agency(agency.code)] ?? Raw()).indicators,
                counters: nil
            )
        }
        let procedureLines = procedureRows.map { procedure in
            DashboardReport.Row(
                key: procedure.code.rawValue,
                name: procedure.name,
                nameEn: procedure.nameEn,
                areaType: nil,
                location: nil,
                dossiers: (raw[.procedure(procedure.code)] ?? Raw()).indicators,
                counters: nil
            )
        }
        let series = try await store.tallySeries(main, grain: period.seriesGrain, from: period.from, to: period.to)
        let overload =
            counterOffices.count > 1 ? try await overload(counterOffices, upTo: moment, days: recentDays ?? overloadDays, calendar: working) : nil
        return DashboardReport(
            scope: scope,
            scopeName: name.0,
            scopeNameEn: name.1,
            period: period,
            moment: moment,
            dossiers: dossiers,
            counters: counterOffices.isEmpty ? nil : counters(counterOffices, received: dossiers.received),
            score: score(dossiers, scope: scope, procedures: procedures, procedureLines: procedureLines),
            offices: officeLines,
            agencies: agencyLines,
            procedures: procedureLines,
            seriesGrain: period.seriesGrain,
            series: series.keys.sorted().map { DashboardReport.SeriesPoint(period: $0, tally: series[$0]!) },
            overload: overload
        )
    }

    /// The four reads behind every indicator, for all the scopes at once.
    func rawCounts(_ scopes: [TallyScope], period: DashboardPeriod, moment: LocalDateTime, now: LocalDateTime) async throws -> [TallyScope: Raw] {
        async let inPeriod = store.tallies(scopes, from: period.from, to: period.to)
        async let before = store.tallies(scopes, from: Self.beginning, to: period.from)
        async let dues = store.dueTallies(scopes, before: moment)
        async let open = store.openPastDue(scopes, before: now)
        let (p, b, d, o) = try await (inPeriod, before, dues, open)
        var raw: [TallyScope: Raw] = [:]
        for scope in scopes {
            raw[scope] = Raw(period: p[scope] ?? DossierTally(), before: b[scope] ?? DossierTally(), due: d[scope] ?? DueTally(), open: o[scope] ?? 0)
        }
        return raw
    }

    /// Before any dossier.
    static let beginning = LocalDate(dayNumber: LocalDate.dayNumber(year: 1900, month: 1, day: 1))

    static func workingDays(inYearOf date: LocalDate, _ calendar: WorkingCalendar) -> Int {
        let lastOfPrevious = LocalDate(dayNumber: LocalDate.dayNumber(year: date.year, month: 1, day: 1) - 1)
        let last = LocalDate(dayNumber: LocalDate.dayNumber(year: date.year + 1, month: 1, day: 1) - 1)
        return calendar.workingDays(after: lastOfPrevious, through: last)
    }

    func allProcedures() async throws -> [Procedure] {
        var all: [Procedure] = []
        var cursor: Cursor?
        repeat {
            let page = try await directory.procedures(ProcedureFilter(), page: PageRequest(limit: PageRequest.maximumLimit, cursor: cursor))
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return all
    }

    func score(
        _ dossiers: DossierIndicators,
        scope: DashboardScope,
        procedures: [Procedure],
        procedureLines: [DashboardReport.Row]
    ) -> NationalScore {
        var shares: [NationalScore.ItemKey: Double] = [:]
        shares[.onTimeResults] = dossiers.onTimeRate
        shares[.electronicResults] = dossiers.electronicResultShare.value
        shares[.digitisedDossiers] = dossiers.digitisedShare.value
        shares[.dossiersOnline] = dossiers.onlineShare.value
        shares[.paymentsOnline] = dossiers.onlinePaymentShare.value
        shares[.receptionSatisfaction] = dossiers.satisfaction.value
        let online = procedures.filter { [.full, .partial].contains($0.onlineLevel) }
        shares[.proceduresOnline] = Ratio(online.count, of: procedures.count).value
        if case .province = scope {
            // Which online procedures had online dossiers is known province-wide only.
            let used = procedureLines.filter { line in online.contains { $0.code.rawValue == line.key } && line.dossiers.viaOnline > 0 }
            shares[.onlineProceduresUsed] = Ratio(used.count, of: online.count).value
        }
        return NationalScore(shares: shares.compactMapValues { $0 }, rules: rules)
    }

    /// The last `wanted` working days up to the moment: each office's load and the moves.
    func overload(
        _ offices: [Office],
        upTo moment: LocalDateTime,
        days wanted: Int,
        calendar: WorkingCalendar
    ) async throws -> DashboardReport.Overload? {
        var days: [LocalDate] = []
        var day = moment.minuteOfDay == 0 ? moment.date.adding(days: -1) : moment.date
        var looked = 0
        while days.count < wanted, looked < 90 {
            if calendar.isWorkingDay(day) { days.append(day) }
            day = day.adding(days: -1)
            looked += 1
        }
        guard let first = days.last, let last = days.first else { return nil }
        let totals = try await store.queueTotals(offices.map(\.code), from: first, to: last.adding(days: 1))
        let officers = try await store.receptionOfficers()
        var lines: [DashboardReport.OfficeLoadLine] = []
        var loads: [OverloadRule.OfficeLoad] = []
        for office in offices {
            let queue = totals[office.code] ?? QueueTotals()
            let load = OverloadRule.OfficeLoad(
                office: office.code,
                location: office.location.coordinate,
                officers: officers[office.code] ?? 0,
                days: days.count,
                tickets: queue.tickets,
                counterDays: queue.counterDays,
                meanWaitMinutes: queue.waits.meanSeconds.map { $0 / 60 },
                meanServiceMinutes: queue.services == 0 ? nil : Double(queue.serviceSeconds) / Double(queue.services) / 60,
                openMinutesPerDay: Self.openMinutes(office.openingHours)
            )
            loads.append(load)
            lines.append(DashboardReport.OfficeLoadLine(office: office, load: load, assessment: OverloadRule.assess(load)))
        }
        return DashboardReport.Overload(first: first, last: last, workingDays: days.count, offices: lines, moves: OverloadRule.moves(loads))
    }

    /// Minutes open on a weekday (the first weekday with sessions).
    static func openMinutes(_ hours: OpeningHours) -> Int {
        for weekday in [Weekday.mon, .tue, .wed, .thu, .fri] {
            if let sessions = hours.sessions[weekday], !sessions.isEmpty {
                return sessions.map { $0.closes.minutes - $0.opens.minutes }.reduce(0, +)
            }
        }
        return 8 * 60
    }
}

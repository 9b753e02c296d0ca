import Foundation
import PASCDomain

/// Fills the demo network with a realistic history: dossiers received over the last `days` days
/// at every office in proportion to the population it serves, a mix of the real procedures the
/// office may receive, most processed on time, some with a supplement pause, some late, the
/// recent ones still open. Acceptance goes through ``Reception/assign`` and every step through
/// ``DossierLifecycle``, as live dossiers do; many dossiers share one transaction for speed.
public struct DemoHistory: Sendable {
    public let store: any Store & DossierStore
    public let calendar: CalendarService
    public let clock: any Clock

    public init(store: any Store & DossierStore, calendar: CalendarService, clock: any Clock) {
        self.store = store
        self.calendar = calendar
        self.clock = clock
    }

    public struct Options: Sendable {
        public var dossiers: Int
        public var days: Int
        public var seed: UInt64
        public var batch: Int

        public init(dossiers: Int, days: Int, seed: UInt64, batch: Int = 1_000) {
            self.dossiers = dossiers
            self.days = days
            self.seed = seed
            self.batch = batch
        }
    }

    public struct Summary: Sendable, Equatable {
        public var dossiers = 0
        public var events = 0
        public var supplements = 0
        public var late = 0
        public var open = 0
    }

    /// Generates and stores the history; `progress` gets (done, total) after each batch.
    public func generate(_ options: Options, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        var rng = SplitMix64(seed: options.seed)
        let world = try await World.load(store: store, calendar: calendar)
        let now = clock.now()
        let today = VietnamTime.localDate(now)
        let days = (0..<max(1, options.days)).map { today.adding(days: -$0) }.filter(world.calendar.isWorkingDay)
        guard !days.isEmpty else { throw ConfigurationError("no working day in the last \(options.days) days") }
        var summary = Summary()
        var batch: [ImportedDossier] = []
        batch.reserveCapacity(options.batch)
        // A draw can miss (a moment later today than now): draw again, within reason.
        var attempts = 0
        while summary.dossiers + batch.count < options.dossiers {
            attempts += 1
            guard attempts <= options.dossiers * 10 + 100 else { throw ConfigurationError("could not place the dossiers in the days given") }
            let day = days[Int(rng.next() % UInt64(days.count))]
            if let item = world.dossier(on: day, now: now, rng: &rng, summary: &summary) { batch.append(item) }
            if batch.count == options.batch || summary.dossiers + batch.count == options.dossiers {
                _ = try await store.importDossiers(batch)
                summary.dossiers += batch.count
                summary.events += batch.reduce(0) { $0 + 1 + $1.later.count }
                batch.removeAll(keepingCapacity: true)
                progress(summary.dossiers, options.dossiers)
            }
        }
        return summary
    }

    /// The network, the catalog and the calendar, read once; where each office's dossiers come from.
    struct World {
        struct Desk {
            let office: Office
            /// Communes whose residents come here, with the procedures this office can accept for them.
            let communes: [String]
            let procedures: [(Procedure, weight: Int)]
            let procedureWeight: Int
        }

        let calendar: WorkingCalendar
        let desks: [Desk]
        /// Running sums of the desks' weights (population served), for weighted picks.
        let cumulative: [Int]
        let agencies: [Agency]

        static func load(store: any Store, calendar service: CalendarService) async throws -> World {
            let calendar = try await service.calendar()
            let offices = try await store.allOffices(OfficeFilter())
            let units = try await store.units(UnitFilter(), page: PageRequest(limit: PageRequest.maximumLimit)).items
            let agencies = try await store.agencies(page: PageRequest(limit: PageRequest.maximumLimit)).items
            let procedures = try await store.procedures(ProcedureFilter(), page: PageRequest(limit: PageRequest.maximumLimit)).items
            let tree = OfficeTree(offices: offices)
            let communes = units.filter { $0.level.isCommuneLevel }
            let unitsByCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
            let probe = Date(timeIntervalSince1970: 1_789_000_000)
            var desks: [Desk] = []
            var cumulative: [Int] = []
            var total = 0
            for office in offices {
                // Residents of the office's own commune, of its district's communes, or (the centre) of all.
                let served: [AdministrativeUnit]
                let weight: Int
                switch office.level {
                case .communePoint, .interWardPoint:
                    served = communes.filter { $0.homeOfficeCode == office.code }
                    weight = served.reduce(0) { $0 + $1.population }
                case .branch:
                    served = communes.filter { $0.parentCode == office.unitCode }
                    weight = (unitsByCode[office.unitCode]?.population ?? 0) / 4
                case .center:
                    served = communes
                    weight = communes.reduce(0) { $0 + $1.population } / 40
                }
                guard let sample = served.first, weight > 0 else { continue }
                var feasible: [(Procedure, weight: Int)] = []
                for procedure in procedures {
                    let scope = ReceptionScope.check(
                        boundaryFree: procedure.isBoundaryFree,
                        receivingOffice: office.code,
                        relevantUnitOffice: sample.homeOfficeCode,
                        tree: tree
                    )
                    guard case .receive = scope,
                        (try? Reception.assign(
                            procedure,
                            office: office,
                            applicantHomeUnit: sample.code,
                            propertyUnit: sample.code,
                            agencies: agencies,
                            calendar: calendar,
                            at: probe
                        )) != nil
                    else { continue }
                    // The office's own level's procedures make most of its work.
                    let own =
                        switch (office.level, procedure.demoLevel) {
                        case (.communePoint, .commune), (.interWardPoint, .commune), (.branch, .district), (.center, .province): 6
                        default: 1
                        }
                    feasible.append((procedure, own))
                }
                guard !feasible.isEmpty else { continue }
                total += weight
                cumulative.append(total)
                desks.append(
                    Desk(office: office, communes: served.map(\.code), procedures: feasible, procedureWeight: feasible.reduce(0) { $0 + $1.weight })
                )
            }
            guard !desks.isEmpty else { throw ConfigurationError("the network has no office that can receive a procedure: seed the demo first") }
            return World(calendar: calendar, desks: desks, cumulative: cumulative, agencies: agencies)
        }

        func desk(_ rng: inout SplitMix64) -> Desk {
            let target = Int(rng.next() % UInt64(cumulative.last!))
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] > target { high = mid } else { low = mid + 1 }
            }
            return desks[low]
        }

        /// A random working moment of `day`.
        func moment(on day: LocalDate, _ rng: inout SplitMix64) -> LocalDateTime {
            let minutes = calendar.minutesPerWorkingDay
            return calendar.adding(
                workingMinutes: Int(rng.next() % UInt64(max(1, minutes - 1))),
                to: calendar.nextWorkingMoment(from: LocalDateTime(date: day, minuteOfDay: 0))
            )
        }

        func dossier(on day: LocalDate, now: Date, rng: inout SplitMix64, summary: inout Summary) -> ImportedDossier? {
            let desk = desk(&rng)
            var pick = Int(rng.next() % UInt64(desk.procedureWeight))
            var procedure = desk.procedures[0].0
            for (candidate, weight) in desk.procedures {
                if pick < weight {
                    procedure = candidate
                    break
                }
                pick -= weight
            }
            let home = desk.communes[Int(rng.next() % UInt64(desk.communes.count))]
            let received = moment(on: day, &rng)
            let receivedAt = VietnamTime.instant(received)
            guard receivedAt <= now,
                let (agency, appointment) = try? Reception.assign(
                    procedure,
                    office: desk.office,
                    applicantHomeUnit: home,
                    propertyUnit: home,
                    agencies: agencies,
                    calendar: calendar,
                    at: receivedAt
                ),
                let applicant = DemoPeople.applicant(home: home, &rng)
            else { return nil }
            let officer = EventActor(username: "demo.motcua", role: .receptionOfficer, office: desk.office.code)
            let specialist = EventActor(username: "demo.chuyenvien", role: .specialist, agency: agency.code)
            var due = appointment.due
            var rule: String?
            // Recorded with the acceptance; the demo's inter-agency dossiers stay with the competent agency (no hand-overs).
            let plan = StepPlan.make(for: procedure, lead: agency, among: agencies, appointment: appointment, calendar: calendar)
            var events: [DossierEvent] = []
            var status = DossierStatus.accepted
            var clock = received
            /// Appends a step `minutes` of working time after the previous one, if it happened before now.
            func step(
                _ action: DossierAction,
                after minutes: Int,
                by actor: EventActor,
                reason: String? = nil,
                details: [String: String] = [:]
            ) -> Bool {
                let at = calendar.adding(workingMinutes: minutes, to: clock)
                guard VietnamTime.instant(at) <= now,
                    let event = try? DossierLifecycle.event(
                        action,
                        on: status,
                        by: actor,
                        at: VietnamTime.instant(at),
                        reason: reason,
                        details: details
                    )
                else {
                    return false
                }
                events.append(event)
                status = event.to
                clock = at
                return true
            }
            let limit = max(60, calendar.workingMinutes(from: received, to: appointment.due))
            let transferDue = StepDeadline.transfer(receivedAt: received, cutoff: StepDeadline.defaultTransferCutoff, calendar: calendar)
            let roll = rng.next() % 100
            var finished = false
            if step(
                .transfer,
                after: 5 + Int(rng.next() % 90),
                by: officer,
                details: ["giver": desk.office.code.rawValue, "receiver": agency.code, "stepDue": transferDue.description]
            ),
                step(.startProcessing, after: 10 + Int(rng.next() % 60), by: specialist)
            {
                if roll < 10 {
                    // A supplement: the clock stops for 1–3 working days, the appointment moves by as much.
                    if step(.requestSupplement, after: limit / 4, by: specialist, reason: "Thiếu bản sao giấy tờ chứng minh nơi cư trú") {
                        summary.supplements += 1
                        let paused = calendar.minutesPerWorkingDay * (1 + Int(rng.next() % 3))
                        let moved = calendar.adding(workingMinutes: paused, to: due)
                        let shifted = plan.shifted(pausedAt: clock, minutes: paused, newAppointment: moved, calendar: calendar)
                        if step(.completeSupplement, after: paused, by: officer, details: [StepPlan.detailKey: shifted.recorded]) {
                            due = moved
                            rule = "Hẹn mới \(due.date.vietnameseText): cộng thời gian tạm dừng chờ bổ sung"
                        }
                    }
                }
                if status == .processing {
                    // Most finish within the limit; one in twelve runs 1–3 working days over.
                    let late = roll >= 10 && roll < 18
                    let spent = calendar.workingMinutes(from: received, to: clock)
                    let target =
                        late
                        ? limit + calendar.minutesPerWorkingDay * (1 + Int(rng.next() % 3))
                        : Int(Double(max(limit - spent, 1)) * (0.3 + Double(rng.next() % 70) / 100))
                    if step(.markResultReady, after: max(1, late ? target - spent : target), by: specialist) {
                        finished = true
                        if late { summary.late += 1 }
                        _ = step(.returnResult, after: 30 + Int(rng.next() % UInt64(calendar.minutesPerWorkingDay * 2)), by: officer)
                    }
                }
            }
            if !finished { summary.open += 1 }
            var new = NewDossier(
                submissionID: DemoPeople.uuid(&rng),
                procedure: procedure.code,
                office: desk.office.code,
                day: received.date,
                channel: rng.next() % 10 < 2 ? .online : .counter,
                applicant: applicant,
                agency: agency.code,
                receivedAt: receivedAt,
                appointment: appointment,
                delivery: .office(desk.office.code),
                secretDigest: { _ in "demo-no-secret" },
                receivedBy: officer
            )
            new.papers = procedure.requiredPapers.prefix(3).compactMap { try? HandedPaper(name: $0, originals: 1, copies: 0) }
            new.plan = plan
            var imported = ImportedDossier(dossier: new, later: events, due: due, dueRule: rule)
            imported.finish = events.first { $0.action == .markResultReady }.map {
                DossierFinish.of(receivedAt: receivedAt, finishedAt: $0.at, legalDue: due, calendar: calendar)
            }
            return imported
        }
    }
}

/// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same history.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Made-up applicants: common Vietnamese names, valid-looking Binh Duong citizen IDs (province
/// code 074) and mobile numbers. No real person's data.
enum DemoPeople {
    static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
    static let middles = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Thu", "Quốc", "Kim"]
    static let givens = [
        "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Quân",
        "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến",
    ]

    static func applicant(home: String, _ rng: inout SplitMix64) -> Applicant? {
        let name = "\(families[Int(rng.next() % 15)]) \(middles[Int(rng.next() % 10)]) \(givens[Int(rng.next() % 24)])"
        let year = 1950 + Int(rng.next() % 56)
        let female = rng.next() % 2 == 0
        let century = (year >= 2000 ? 2 : 0) + (female ? 1 : 0)
        let serial = String(format: "%06d", Int(rng.next() % 1_000_000))
        let idText = "074\(century)\(String(format: "%02d", year % 100))\(serial)"
        let phone = "09\(String(format: "%08d", Int(rng.next() % 100_000_000)))"
        guard let id = try? PersonalID(idText, kind: .citizenID, birthYear: year), let number = try? PhoneNumber(phone) else { return nil }
        return try? Applicant(kind: .citizen, name: name, id: id, phone: number, homeUnit: home)
    }

    static func uuid(_ rng: inout SplitMix64) -> String {
        String(format: "demo-%016llx%016llx", rng.next(), rng.next())
    }
}

import Crypto
import Foundation
import Hummingbird
import Logging
import PASCCore
import PASCDomain
import PASCTransparency
import ServiceLifecycle

/// What the HTTP server needs to know about itself.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Proxies whose `X-Forwarded-For` is believed (client address for rate limits).
    public var trustedProxies: Set<String>
    public var authentication: AuthenticationSettings
    /// The lateness sweep's period.
    public var latenessSweepInterval: Duration
    /// The largest scan accepted.
    public var uploadLimitBytes: Int
    /// The deployment's log key; without one no checkpoint is signed.
    public var logSigner: LogSigner?
    /// How often a checkpoint is signed when the log has grown.
    public var checkpointInterval: Duration
    /// The Decision 766 score's items and thresholds.
    public var scoreRules: NationalScoreRules
    /// What an anonymous caller may ask: submissions, tickets, uploads, searches.
    public var limits: RequestLimits
    /// Slow and idle clients, header sizes and the number of connections.
    public var connections: ConnectionLimits

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        trustedProxies: Set<String> = [],
        authentication: AuthenticationSettings = AuthenticationSettings(),
        latenessSweepInterval: Duration = .seconds(600),
        uploadLimitBytes: Int = 20 * 1_048_576,
        logSigner: LogSigner? = nil,
        checkpointInterval: Duration = .seconds(5),
        scoreRules: NationalScoreRules = .standard,
        limits: RequestLimits = RequestLimits(),
        connections: ConnectionLimits = ConnectionLimits()
    ) {
        self.limits = limits
        self.connections = connections
        self.scoreRules = scoreRules
        self.logSigner = logSigner
        self.checkpointInterval = checkpointInterval
        self.host = host
        self.port = port
        self.trustedProxies = trustedProxies
        self.authentication = authentication
        self.latenessSweepInterval = latenessSweepInterval
        self.uploadLimitBytes = uploadLimitBytes
    }
}

/// Builds the router with every route PASC serves. Separate from the application so tests can
/// list its routes and drive it without a socket.
public func buildRouter(
    store: any PlatformStore,
    clock: any Clock,
    passwords: any PasswordHasher = BcryptPasswordHasher(),
    authenticationSettings: AuthenticationSettings = AuthenticationSettings(),
    trustedProxies: Set<String> = [],
    uploadLimitBytes: Int = 20 * 1_048_576,
    logVerifier: LogVerifier? = nil,
    scoreRules: NationalScoreRules = .standard,
    limits: RequestLimits = RequestLimits(),
    services: ServerServices? = nil
) throws -> Router<PASCRequestContext> {
    try buildRoutes(
        store: store,
        clock: clock,
        passwords: passwords,
        authenticationSettings: authenticationSettings,
        trustedProxies: trustedProxies,
        uploadLimitBytes: uploadLimitBytes,
        logVerifier: logVerifier,
        scoreRules: scoreRules,
        limits: limits,
        services: services
    ).router
}

/// The router and the table of its routes' policies (tests walk both).
func buildRoutes(
    store: any PlatformStore,
    clock: any Clock,
    passwords: any PasswordHasher,
    authenticationSettings: AuthenticationSettings,
    trustedProxies: Set<String> = [],
    uploadLimitBytes: Int = 20 * 1_048_576,
    logVerifier: LogVerifier? = nil,
    scoreRules: NationalScoreRules = .standard,
    limits: RequestLimits = RequestLimits(),
    services given: ServerServices? = nil
) throws -> (router: Router<PASCRequestContext>, table: RouteTable) {
    // One instance of each stateful service, shared with the background services when given.
    let services = given ?? ServerServices(store: store, clock: clock, limits: limits)
    let router = Router(context: PASCRequestContext.self)
    let authentication = Authentication(
        accounts: store,
        passwords: passwords,
        secrets: SHA256SecretHasher(),
        clock: clock,
        settings: authenticationSettings
    )
    // Method and path only: no headers (cookies, tokens) and no bodies reach the log.
    let metrics = PASCMetrics()
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: RequestLogMiddleware(.info))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AuthenticationMiddleware(authentication: authentication, trustedProxies: trustedProxies))
    // Offices and agencies for policies and receptions, read once a minute (see NetworkCache).
    let network = services.network
    let routes = RouteTable(
        router: router,
        loadTree: { OfficeTree(offices: try await network.network().offices) },
        loadDossierScope: { code in
            guard let dossier = try await store.dossier(code) else { return nil }
            var offices = [dossier.office]
            if case .office(let returnOffice) = dossier.delivery, returnOffice != dossier.office { offices.append(returnOffice) }
            let holder =
                dossier.holder == dossier.agency ? dossier.holder : Processing.accessHolder(of: dossier, events: try await store.events(of: code))
            return (offices, dossier.agency, holder)
        }
    )
    let idempotency = Idempotency(store: store, clock: clock)
    routes.idempotency = idempotency
    let directory = Directory(store: store, searchLimits: SearchTextLimits(characters: limits.searchCharacters, words: limits.searchWords))
    HealthController(store: store, clock: clock).register(on: routes)
    try OpenAPIController().register(on: routes)
    OfficesController(directory: directory).register(on: routes)
    UnitsController(directory: directory).register(on: routes)
    let calendar = services.calendar
    ProceduresController(directory: directory, calendar: calendar, clock: clock).register(on: routes)
    AuthController(authentication: authentication).register(on: routes)
    StaffController(accounts: store, passwords: passwords).register(on: routes)
    let masterData = MasterData(store: store, clock: clock)
    OfficeAdminController(masterData: masterData, network: network).register(on: routes)
    ProcedureAdminController(masterData: masterData, network: network).register(on: routes)
    let queue = QueueController(
        desk: services.queueDesk,
        store: store,
        feed: store.liveFeed()
    )
    queue.register(on: routes)
    try BoardController(store: store).register(on: routes)
    try PublicPagesController(
        directory: directory,
        network: network,
        calendar: calendar,
        queue: services.queueDesk,
        dossiers: store,
        log: services.log,
        audit: logVerifier.map { LogAudit(verifier: $0, source: StoreLogSource(name: "this server's database", store: store, clock: clock)) },
        verifierKey: logVerifier?.verifierKey,
        statistics: services.statistics,
        clock: clock
    ).register(on: routes)
    BoundaryFreeController(masterData: masterData, network: network).register(on: routes)
    AnnouncedDaysController(masterData: masterData, calendar: calendar, clock: clock).register(on: routes)
    ChangesController(masterData: masterData).register(on: routes)
    AccessLogController(log: store).register(on: routes)
    let access = ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: clock)
    let processing = Processing(store: store, catalog: store, calendar: calendar, clock: clock)
    DossierStepsController(processing: processing, dossiers: store, agencies: store).register(on: routes)
    InboxController(dossiers: store, calendar: calendar, clock: clock).register(on: routes)
    let gate = PersonalDataGate(log: store, clock: clock)
    CounterDeskController(dossiers: store, access: access, gate: gate).register(on: routes)
    FormsController(forms: try FormLibrary(), store: store, gate: gate, clock: clock).register(on: routes)
    let digitisation = Digitisation(store: store, processing: processing, maximumBytes: uploadLimitBytes) { data in
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
    DocumentsController(
        digitisation: digitisation,
        documents: store,
        gate: gate
    ).register(on: routes)
    let reception = Reception(store: store, calendar: calendar, access: access, clock: clock, network: network)
    DossiersController(
        reception: reception,
        processing: processing,
        dossiers: store,
        submissions: store,
        access: access,
        gate: gate,
        idempotency: idempotency,
        publicViews: PublicViewCache(hub: store.dossierChanges())
    ).register(on: routes)
    let pages = try PageRenderer()
    routes.pages = pages
    SignInPagesController(pages: pages, authentication: authentication).register(on: routes)
    let staffPages = StaffPagesController(
        pages: pages,
        network: network,
        directory: directory,
        calendar: calendar,
        reception: reception,
        processing: processing,
        digitisation: digitisation,
        dossiers: store,
        queue: queue,
        gate: gate,
        clock: clock,
        uploadLimitBytes: uploadLimitBytes
    )
    staffPages.register(on: routes)
    AdminPagesController(
        pages: pages,
        staff: staffPages,
        masterData: masterData,
        network: network,
        calendar: calendar,
        directory: directory,
        queue: queue,
        accounts: StaffAccounts(accounts: store, passwords: passwords),
        store: store,
        clock: clock
    ).register(on: routes)
    OnlineSubmissionController(
        pages: pages,
        staff: staffPages,
        network: network,
        directory: directory,
        reception: reception,
        digitisation: digitisation,
        throttle: services.throttle
    ).register(on: routes)
    Open311Controller(store: store, network: network, clock: clock).register(on: routes)
    StatisticsController(statistics: services.statistics, network: network).register(on: routes)
    let dashboard = Dashboard(store: store, directory: store, network: network, calendar: calendar, clock: clock, rules: scoreRules)
    DashboardController(dashboard: dashboard).register(on: routes)
    MetricsController(metrics: metrics, store: store, network: network, clock: clock).register(on: routes)
    DashboardPagesController(pages: pages, dashboard: dashboard, network: network).register(on: routes)
    let ratings = Ratings(dossiers: store, ratings: store, clock: clock)
    RatingsController(ratings: ratings, access: access, store: store).register(on: routes)
    RatingPagesController(pages: pages, ratings: ratings, access: access).register(on: routes)
    TransparencyController(log: services.log, dossiers: store, verifierKey: logVerifier?.verifierKey)
        .register(on: routes)
    return (router, routes)
}

/// Builds the Hummingbird application over an opened, migrated store.
public func buildApplication(
    store: any PlatformStore,
    clock: any Clock,
    settings: ServerSettings,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let services = ServerServices(store: store, clock: clock, limits: settings.limits)
    let sweep = services.sweep
    let closing = services.queueDesk
    return Application(
        router: try buildRoutes(
            store: store,
            clock: clock,
            passwords: BcryptPasswordHasher(),
            authenticationSettings: settings.authentication,
            trustedProxies: settings.trustedProxies,
            uploadLimitBytes: settings.uploadLimitBytes,
            logVerifier: settings.logSigner?.verifier,
            scoreRules: settings.scoreRules,
            limits: settings.limits,
            services: services
        ).router,
        server: BoardFeed.server(feed: store.liveFeed(), limits: settings.connections),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "PASC", backlog: 1024),
        services: [
            PeriodicService(name: "lateness sweep", every: settings.latenessSweepInterval, logger: logger) { try await sweep.run().count },
            PeriodicService(name: "queue closing", every: .seconds(300), logger: logger) { try await closing.closeFinishedDays() },
        ] + checkpointPublisher(log: services.log, settings: settings, logger: logger),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
        logger: logger
    )
}

/// Signs a checkpoint every few seconds when the log has grown (and one at start).
func checkpointPublisher(log: TransparencyLog, settings: ServerSettings, logger: Logger) -> [PeriodicService] {
    guard let signer = settings.logSigner else { return [] }
    return [
        PeriodicService(name: "log checkpoint", every: settings.checkpointInterval, logger: logger, quiet: true) {
            try await log.publish(signer: signer) == nil ? 0 : 1
        }
    ]
}

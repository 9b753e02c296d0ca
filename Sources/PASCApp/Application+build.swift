import Hummingbird
import Logging
import PASCCore

/// What the HTTP server needs to know about itself.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Builds the router with every route PASC serves. Separate from the application so tests can
/// list its routes and drive it without a socket.
public func buildRouter(store: any Store, clock: any Clock) throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    let directory = Directory(store: store)
    HealthController(store: store, clock: clock).register(on: router)
    try OpenAPIController().register(on: router)
    OfficesController(directory: directory).register(on: router)
    UnitsController(directory: directory).register(on: router)
    ProceduresController(directory: directory).register(on: router)
    return router
}

/// Builds the Hummingbird application over an opened, migrated store.
public func buildApplication(
    store: any Store,
    clock: any Clock,
    settings: ServerSettings,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    Application(
        router: try buildRouter(store: store, clock: clock),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "PASC"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
        logger: logger
    )
}

/// What one client connection may hold of the server. A client that sends half a request and
/// waits kept its connection (and a file descriptor) for ever: 21,000 of them stopped `/health`.
/// Every number is configuration (`PASC_…` settings, `docs/security.md`).
public struct ConnectionLimits: Sendable, Equatable {
    /// A request's head (request line and headers) must arrive within this time of the connection
    /// opening or of the previous response.
    public var headerTimeoutSeconds = 10
    /// A kept-alive connection with no request in flight is closed after this long.
    public var idleTimeoutSeconds = 30
    /// Once the head has arrived, the body must keep coming: no byte for this long closes it.
    public var bodyTimeoutSeconds = 30
    /// The largest request head, in bytes (request line and every header together).
    public var maximumHeaderBytes = 16 * 1024
    /// Connections open at once; past this, new ones are closed as they arrive.
    public var maximumConnections = 4_096

    public init() {}
}

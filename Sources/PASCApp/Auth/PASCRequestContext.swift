import Hummingbird
import Logging
import NIOCore
import PASCDomain

/// The request context of every PASC route: who is calling, and how.
public struct PASCRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in staff member, nil for an anonymous caller.
    public var member: StaffMember?
    /// How the member proved who they are; forms need a CSRF token only with a session cookie.
    public var credential: Credential = .none
    /// The socket peer's address.
    public let peerAddress: String
    /// The client's address for rate limits (see ``ClientAddress``); set by the authentication middleware.
    public var clientAddress: String
    /// Whether the client reached us over TLS, as a trusted proxy's `X-Forwarded-Proto` says
    /// (PASC itself speaks plain HTTP behind the proxy); cookies are `Secure` then.
    public var overTLS = false

    public enum Credential: Sendable, Equatable {
        case none
        case session(csrfHash: String)
        case token
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        clientAddress = peerAddress
    }
}

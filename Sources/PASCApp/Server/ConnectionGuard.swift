import HTTPTypes
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

extension ConnectionLimits {
    var headerTimeout: TimeAmount { .seconds(Int64(headerTimeoutSeconds)) }
    var idleTimeout: TimeAmount { .seconds(Int64(idleTimeoutSeconds)) }
    var bodyTimeout: TimeAmount { .seconds(Int64(bodyTimeoutSeconds)) }
}

/// Sits right after NIOHTTP1's request decoder: it sees whole heads, body chunks and ends coming in and
/// responses going out, and closes the connection when the current deadline passes. A request with an
/// `Upgrade` header (the board feed) is left alone: NIO's upgrader, then the WebSocket auto-ping, or
/// Hummingbird's idleTimeout if the upgrade is refused, take over.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let limits: ConnectionLimits
    private var timer: Scheduled<Void>?
    private var sawHead = false
    private var reading = false  // between a request's head and its end
    private var inFlight = 0  // requests whose response has not ended
    private var passthrough = false  // upgrade requested, or we gave up on the connection

    init(limits: ConnectionLimits) { self.limits = limits }

    func handlerAdded(context: ChannelHandlerContext) { self.arm(context, self.limits.headerTimeout) }
    func handlerRemoved(context: ChannelHandlerContext) { self.disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        self.disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !self.passthrough else { return context.fireChannelRead(data) }
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.sawHead = true
            if head.headers.contains(name: "upgrade") {
                self.passthrough = true
                self.disarm()
            } else {
                self.reading = true
                self.inFlight += 1
                self.arm(context, self.limits.bodyTimeout)
            }
        case .body:
            self.arm(context, self.limits.bodyTimeout)
        case .end:
            self.reading = false
            // The response may already be out (a 413 before the body was drained): then wait for the next head.
            if self.inFlight == 0 { self.arm(context, self.limits.idleTimeout) } else { self.disarm() }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !self.passthrough, case .end = self.unwrapOutboundIn(data) {
            self.inFlight = max(self.inFlight - 1, 0)
            if self.inFlight == 0, !self.reading { self.arm(context, self.limits.idleTimeout) }
        }
        context.write(data, promise: promise)
    }

    /// Before the first head nothing else answers a parser error in the WebSocket-upgrade pipeline
    /// (Hummingbird answers later ones with 400): say 431/400 and close instead of leaving the socket open.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !self.sawHead, !self.passthrough, let parserError = error as? HTTPParserError else {
            return context.fireErrorCaught(error)
        }
        self.passthrough = true
        self.disarm()
        let status: HTTPResponseStatus = parserError == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest
        let headers = HTTPHeaders([("connection", "close"), ("content-length", "0")])
        context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        self.close(context)
    }

    private func arm(_ context: ChannelHandlerContext, _ delay: TimeAmount) {
        self.timer?.cancel()
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.timer = nil
            self.passthrough = true
            self.close(context)
        }
    }

    private func disarm() {
        self.timer?.cancel()
        self.timer = nil
    }

    private func close(_ context: ChannelHandlerContext) {
        // Before the first head the board-feed pipeline's upgrade handler is next: told the input closed it
        // fails its promise with .inputClosed, which Hummingbird logs at trace level rather than as an error.
        if !self.sawHead { context.fireUserInboundEventTriggered(ChannelEvent.inputClosed) }
        context.close(promise: nil)
    }
}

/// Wraps Hummingbird's child channel: counts connections (closing those over the limit before Hummingbird
/// sees them) and puts a RequestDeadlineHandler right after the HTTP decoder, from the moment of accept.
struct GuardedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let limits: ConnectionLimits
    let open: NIOLockedValueBox<Int>

    struct ConnectionLimitReached: Error {}

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let count = self.open.withLockedValue {
            $0 += 1
            return $0
        }
        channel.closeFuture.whenComplete { [open] _ in open.withLockedValue { $0 -= 1 } }
        guard count <= self.limits.maximumConnections else {
            logger.debug("Connection limit reached; closing a new connection", metadata: ["hb.connections": "\(count - 1)"])
            // A failed setup is dropped by NIO's async accept loop without closing the socket: close it here.
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        let limits = self.limits
        return self.base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            do {
                let pipeline = channel.pipeline.syncOperations
                let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
                try pipeline.addHandler(RequestDeadlineHandler(limits: limits), position: .after(decoder))
                return value
            } catch {
                channel.close(promise: nil)
                throw error
            }
        }
    }

    func handle(value: Value, logger: Logger) async {
        await self.base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with a WebSocket upgrade, guarded by `limits`.
    static func guardedHTTP1WebSocketUpgrade(
        limits: ConnectionLimits,
        shouldUpgrade:
            @escaping @Sendable (HTTPRequest, any Channel, Logger) throws -> ShouldUpgradeResult<
                WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
            >
    ) -> HTTPServerBuilder {
        let open = NIOLockedValueBox(0)
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: HTTP1Channel.Configuration(
                // Hummingbird's own timer: a backstop once the deadline handler stands aside.
                idleTimeout: max(limits.idleTimeout, limits.bodyTimeout),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: limits.maximumHeaderBytes,
                    maxHeaderListSize: limits.maximumHeaderBytes,
                    maxHeaderFieldCount: 100
                )
            )
        )
        return HTTPServerBuilder { responder in
            GuardedChildChannel(
                base: HTTP1WebSocketUpgradeChannel(responder: responder, configuration: configuration, shouldUpgrade: shouldUpgrade),
                limits: limits,
                open: open
            )
        }
    }
}

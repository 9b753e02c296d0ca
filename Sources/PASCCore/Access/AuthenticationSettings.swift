/// Limits of sign-in and sessions; every one is configuration.
public struct AuthenticationSettings: Sendable, Equatable {
    /// A session ends after this long without a request.
    public var idleTimeoutSeconds = 30 * 60
    /// A session ends this long after sign-in whatever happens.
    public var absoluteTimeoutSeconds = 12 * 3600
    /// Failed sign-ins allowed per account in one window before it is locked for the rest of the window.
    public var failuresPerAccount = 5
    /// Failed sign-ins allowed per client address in one window.
    public var failuresPerAddress = 20
    public var failureWindowSeconds = 15 * 60
    /// Added to every failed sign-in so guessing is slow even below the limits.
    public var failureDelayMilliseconds = 400

    public init() {}
}

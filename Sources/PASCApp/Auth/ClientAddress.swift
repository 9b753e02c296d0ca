import Foundation

/// The client's address for rate limits: the socket peer, unless the peer is a configured trusted
/// proxy, in which case the nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
///
/// Believing the header from anyone else would let a guesser pick a new address per attempt.
enum ClientAddress {
    static func resolve(peer: String, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.reversed().first { !trustedProxies.contains($0) } ?? peer
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
// <sys/socket.h> reaches this module through libcurl's headers, which then own SOCK_STREAM.
import CCurl
import Dispatch
import Foundation
import Synchronization

/// Name resolution for the fetcher. The fetcher resolves every host itself, checks every address
/// against the `AddressPolicy`, and then makes libcurl connect to exactly those addresses
/// (CURLOPT_RESOLVE), so what was checked is what is connected to. Tests inject a resolver that maps
/// made-up public names (`news.example`) to loopback addresses.
public protocol HostResolving: Sendable {
    /// The addresses of `host`, a DNS name (never an address literal); empty when it has none.
    func addresses(of host: String) async -> [IPAddress]
}

/// The system resolver (getaddrinfo: /etc/hosts, then DNS), run off the cooperative threads, with
/// answers kept for a minute like libcurl's own DNS cache.
public final class SystemResolver: HostResolving {
    private struct Entry { var addresses: [IPAddress]; var expires: Double }
    private let cache = Mutex<[String: Entry]>([:])
    private let lifetime: Double

    public init(cacheSeconds: Double = 60) { lifetime = cacheSeconds }

    public func addresses(of host: String) async -> [IPAddress] {
        let key = host.lowercased()
        let now = Monotonic.seconds()
        if let hit = cache.withLock({ $0[key] }), hit.expires > now { return hit.addresses }
        // getaddrinfo blocks (for seconds when DNS is slow): a dispatch thread waits, not a task thread.
        let found: [IPAddress] = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Self.lookup(host)) }
        }
        if !found.isEmpty { cache.withLock { $0[key] = Entry(addresses: found, expires: now + lifetime) } }
        return found
    }

    /// getaddrinfo, blocking: the addresses in the resolver's order, without repeats.
    public static func lookup(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var result: [IPAddress] = []
        var node = list
        while let info = node {
            if let sa = info.pointee.ai_addr, let address = IPAddress(socketAddress: sa), !result.contains(address) {
                result.append(address)
            }
            node = info.pointee.ai_next
        }
        return result
    }
}

extension AddressPolicy {
    /// True when `host` (a name or a literal) is, or resolves to, any private address. Blocking (DNS);
    /// for decisions made outside a fetch (which link may be fetched privately). Unresolvable names
    /// are not private (their fetch then fails with "host not found").
    public static func isPrivate(host: String) -> Bool {
        if let literal = IPAddress(host) { return isInPrivateRange(literal) }
        if isLocalName(host) { return true }
        return SystemResolver.lookup(host).contains(where: isInPrivateRange)
    }
}

/// Seconds on the monotonic clock (deadlines that a changed wall clock cannot move).
enum Monotonic {
    static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

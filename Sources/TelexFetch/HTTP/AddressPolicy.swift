#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The SSRF guard: is a host (a name or a literal) on a private, loopback or link-local network?
/// A page linked from a public feed must not make the user's machine probe its own network.
public enum AddressPolicy {
    /// True when `host` is, or resolves (getaddrinfo) to, any non-public address. Unresolvable names
    /// are not private (the fetch then fails with "host not found").
    public static func isPrivate(host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare.lowercased().hasSuffix(".localhost") { return true }
        return resolve(bare).contains(where: isPrivate)
    }

    /// True for loopback, private (RFC 1918, fc00::/7), link-local, CGNAT, unspecified and multicast addresses.
    public static func isPrivate(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let b):
            return b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && (b[1] & 0xC0) == 64)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] & 0xFE) == 18)
                || b[0] >= 224
        case .v6(let b):
            if b[0..<15].allSatisfy({ $0 == 0 }) { return true }  // :: and ::1
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
                return isPrivate(.v4(Array(b[12..<16])))  // IPv4-mapped
            }
            if b[0..<12].allSatisfy({ $0 == 0 }) { return isPrivate(.v4(Array(b[12..<16]))) }  // IPv4-compatible
            return (b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) || b[0] == 0xFF
        }
    }

    /// An IPv4 or IPv6 address as bytes.
    public enum IPAddress: Hashable, Sendable {
        case v4([UInt8])
        case v6([UInt8])
    }

    /// The addresses `host` resolves to (a literal resolves to itself without DNS).
    public static func resolve(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var result: [IPAddress] = []
        var node = list
        while let info = node {
            if let sa = info.pointee.ai_addr {
                if info.pointee.ai_family == AF_INET {
                    var a = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    result.append(.v4(withUnsafeBytes(of: &a) { Array($0) }))
                } else if info.pointee.ai_family == AF_INET6 {
                    var a = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    result.append(.v6(withUnsafeBytes(of: &a) { Array($0) }))
                }
            }
            node = info.pointee.ai_next
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as its network-order bytes (4 or 16).
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    case v4([UInt8])
    case v6([UInt8])

    /// Parses a numeric address ("192.0.2.1", "2001:db8::1", "[::1]"); nil for anything else.
    public init?(_ text: String) {
        var literal = Substring(text)
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = literal.dropFirst().dropLast() }
        // A zone ("fe80::1%eth0") names an interface, not an address: the address alone is judged.
        if let percent = literal.firstIndex(of: "%") { literal = literal[..<percent] }
        var v4 = in_addr()
        if inet_pton(AF_INET, String(literal), &v4) == 1 {
            self = .v4(withUnsafeBytes(of: &v4) { Array($0) })
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, String(literal), &v6) == 1 {
            self = .v6(withUnsafeBytes(of: &v6) { Array($0) })
            return
        }
        return nil
    }

    /// The numeric form ("192.0.2.1", "2001:db8::1"), as libcurl's CURLOPT_RESOLVE wants it (IPv6 unbracketed).
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch self {
        case .v4(let bytes):
            var a = in_addr()
            withUnsafeMutableBytes(of: &a) { $0.copyBytes(from: bytes.prefix(4)) }
            inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count))
        case .v6(let bytes):
            var a = in6_addr()
            withUnsafeMutableBytes(of: &a) { $0.copyBytes(from: bytes.prefix(16)) }
            inet_ntop(AF_INET6, &a, &buffer, socklen_t(buffer.count))
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The address as written in a URL or a CURLOPT_RESOLVE entry: IPv6 in brackets.
    var bracketed: String {
        if case .v6 = self { return "[\(description)]" }
        return description
    }

    /// Reads the address out of a socket address (sockaddr_in or sockaddr_in6); nil for other families.
    init?(socketAddress: UnsafePointer<sockaddr>) {
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            var a = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            self = .v4(withUnsafeBytes(of: &a) { Array($0) })
        case AF_INET6:
            var a = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            self = .v6(withUnsafeBytes(of: &a) { Array($0) })
        default:
            return nil
        }
    }
}

/// The SSRF guard: which addresses a page linked from a public feed may not reach, so that a feed
/// cannot make the user's machine probe its own network. The fetcher applies it to every address a
/// name resolves to, again when libcurl opens a socket, and again before a request is sent on a
/// reused connection (docs/fetch.md, "Addresses and DNS pinning").
public struct AddressPolicy: Sendable, Hashable {
    /// Addresses treated as public although they are in a private range. Tests only: it lets a
    /// "public" host name resolve to a second loopback address (127.0.0.2) while the private side
    /// of the test listens on 127.0.0.1.
    public var treatedAsPublic: Set<IPAddress>

    public init(treatedAsPublic: Set<IPAddress> = []) { self.treatedAsPublic = treatedAsPublic }

    /// The policy of the real fetcher: every private range is private.
    public static let standard = AddressPolicy()

    /// Whether a request that may not reach private addresses may connect to `address`.
    public func isPrivate(_ address: IPAddress) -> Bool {
        !treatedAsPublic.contains(address) && Self.isInPrivateRange(address)
    }

    /// The decision on a host before any lookup: an address literal is judged as it is (`.literal`),
    /// `localhost` is private whatever DNS says; any other name needs a lookup (`.lookUp`).
    func judge(host: String, allowPrivate: Bool) -> Result<HostDecision, HTTPFetchError> {
        if let literal = IPAddress(host) {
            return !allowPrivate && isPrivate(literal) ? .failure(.blockedAddress(host: host)) : .success(.literal)
        }
        if !allowPrivate, Self.isLocalName(host) { return .failure(.blockedAddress(host: host)) }
        return .success(.lookUp)
    }

    enum HostDecision { case literal, lookUp }

    /// The addresses a name may be connected to: all of them, or none when any one is private and
    /// private addresses are not allowed (a name that answers with a private address is a private host).
    func approve(_ addresses: [IPAddress], of host: String, allowPrivate: Bool) -> Result<[IPAddress], HTTPFetchError> {
        if addresses.isEmpty { return .failure(.hostNotFound(host)) }
        if !allowPrivate, addresses.contains(where: isPrivate) { return .failure(.blockedAddress(host: host)) }
        return .success(addresses)
    }

    /// Host names that are private whatever DNS says (RFC 6761: `localhost` and its subdomains).
    public static func isLocalName(_ host: String) -> Bool {
        let name = host.lowercased().trimmingTrailingDots
        return name == "localhost" || name.hasSuffix(".localhost")
    }

    /// True for every address that is not on the public internet: loopback, RFC 1918 and unique-local,
    /// link-local and site-local, CGNAT, "this network", multicast and reserved, and IPv4 addresses
    /// embedded in IPv6 (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) when the embedded
    /// address is private; the local-use NAT64 prefix 64:ff9b:1::/48 always.
    public static func isInPrivateRange(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let b):
            guard b.count == 4 else { return true }
            return b[0] == 0                                   // 0.0.0.0/8 "this network"
                || b[0] == 10                                  // 10.0.0.0/8
                || b[0] == 127                                 // 127.0.0.0/8 loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)        // 100.64.0.0/10 CGNAT
                || (b[0] == 169 && b[1] == 254)                // 169.254.0.0/16 link-local (cloud metadata)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)        // 172.16.0.0/12
                || (b[0] == 192 && b[1] == 168)                // 192.168.0.0/16
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)     // 192.0.0.0/24 IETF assignments
                || (b[0] == 198 && (b[1] & 0xFE) == 18)        // 198.18.0.0/15 benchmarking
                || b[0] >= 224                                 // multicast, reserved, broadcast
        case .v6(let b):
            guard b.count == 16 else { return true }
            if b[0..<15].allSatisfy({ $0 == 0 }) { return true }                        // :: and ::1
            if b[0..<10].allSatisfy({ $0 == 0 }), b[10] == 0xFF, b[11] == 0xFF {         // ::ffff:0:0/96 mapped
                return isInPrivateRange(.v4(Array(b[12..<16])))
            }
            if b[0..<12].allSatisfy({ $0 == 0 }) { return isInPrivateRange(.v4(Array(b[12..<16]))) }  // ::/96 compatible
            if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B {
                if b[4..<12].allSatisfy({ $0 == 0 }) {                                  // 64:ff9b::/96 NAT64
                    return isInPrivateRange(.v4(Array(b[12..<16])))
                }
                if b[4] == 0, b[5] == 1 { return true }                                // 64:ff9b:1::/48 local NAT64
            }
            if b[0] == 0x20, b[1] == 0x02 { return isInPrivateRange(.v4(Array(b[2..<6]))) }  // 2002::/16 6to4
            return (b[0] & 0xFE) == 0xFC                        // fc00::/7 unique local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)      // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)      // fec0::/10 site-local (deprecated, still routed locally)
                || b[0] == 0xFF                                 // ff00::/8 multicast
        }
    }
}

extension String {
    /// "example.org." and "example.org" name the same host.
    var trimmingTrailingDots: String {
        var s = Substring(self)
        while s.hasSuffix(".") { s = s.dropLast() }
        return String(s)
    }
}

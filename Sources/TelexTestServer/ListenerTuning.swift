#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sets TCP_NODELAY on our listening socket, which Linux copies to every accepted connection.
/// FlyingFox writes a response's header and body separately and exposes no socket options; with
/// Nagle's algorithm on, the body then waits for the client's delayed ACK (40 ms on Linux), which
/// would turn every small response into a 40 ms one. The socket is found by its bound port.
enum ListenerTuning {
    static func disableNagle(onListenerWithPort port: UInt16) {
        for fd in Int32(3)..<Int32(4096) {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let ok = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard ok == 0 else { continue }
            let boundPort: UInt16
            switch Int32(address.ss_family) {
            case AF_INET: boundPort = withUnsafeBytes(of: &address) { $0.load(as: sockaddr_in.self).sin_port }
            case AF_INET6: boundPort = withUnsafeBytes(of: &address) { $0.load(as: sockaddr_in6.self).sin6_port }
            default: continue
            }
            guard UInt16(bigEndian: boundPort) == port else { continue }
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening == 1 else { continue }
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A raw-socket server on 127.0.0.1 for the one behaviour an HTTP library cannot produce: it
/// answers every request with a 200 promising `promisedBytes`, sends `sentBytes` of them, then
/// resets the connection (SO_LINGER 0 makes close() send RST).
public final class ResetServer: @unchecked Sendable {
    private let listener: Int32
    public let url: URL
    private let thread: Thread

    public init(promisedBytes: Int = 100_000, sentBytes: Int = 2_000) throws {
        let (fd, port) = try LoopbackListener.open()
        listener = fd
        url = URL(string: "http://127.0.0.1:\(port)/reset.xml")!
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: \(promisedBytes)\r\n\r\n"
        var payload = Array(head.utf8)
        payload += Array(String(repeating: "<item><title>cut</title></item>", count: sentBytes / 32 + 1).utf8.prefix(sentBytes))
        let response = payload
        thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { if errno == EINTR { continue } else { return } }
                Self.serve(client, response: response)
            }
        }
        thread.start()
    }

    private static func serve(_ client: Int32, response: [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var received: [UInt8] = []
        while received.count < 65_536 {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[..<n]
            if received.count >= 4, received.suffix(4) == [13, 10, 13, 10] { break }
        }
        _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
        usleep(50_000)
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(client)
    }

    /// Stops accepting (shutdown wakes the blocked accept on Linux).
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}

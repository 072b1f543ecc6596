import Foundation
import Testing
@testable import TelexFetch

/// One HTTPS exchange on loopback: `openssl s_server` with a certificate from a throwaway test CA.
/// The handshake with the untrusted test CA must fail with a clear message. The successful exchange
/// needs the test CA trusted, which corelibs URLSession cannot be told in-process on Linux; it is
/// tested end to end by tests/e2e/test_https.sh in a private mount namespace (docs/fetch.md).
/// Skipped when the openssl tool is absent.
@Suite(.serialized) struct HTTPSTests {
    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct TLSServer {
        let process: Process
        let port: Int
        let caFile: String
        let directory: String
    }

    static func run(_ args: [String], in dir: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: openssl!)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw POSIXError(.EINVAL) }
    }

    static func startServer() throws -> TLSServer {
        let dir = NSTemporaryDirectory() + "telex-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "subjectAltName=IP:127.0.0.1\n".write(toFile: dir + "/san.ext", atomically: true, encoding: .utf8)
        try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=telex test CA"], in: dir)
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: dir)
        try run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
                 "-days", "1", "-extfile", "san.ext"], in: dir)
        let port = Int.random(in: 20_000..<60_000)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: openssl!)
        p.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-key", "server.key", "-cert", "server.pem", "-www", "-quiet"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait for the port to accept connections.
        for _ in 0..<50 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET); a.sin_port = UInt16(port).bigEndian; a.sin_addr.s_addr = inet_addr("127.0.0.1")
            let ok = withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
            close(fd)
            if ok { break }
            usleep(100_000)
        }
        return TLSServer(process: p, port: port, caFile: dir + "/ca.pem", directory: dir)
    }

    @Test(.enabled(if: openssl != nil))
    func anHTTPSServerWithAnUntrustedCertificateIsRefusedWithAClearMessage() async throws {
        let server = try Self.startServer()
        defer { server.process.terminate(); try? FileManager.default.removeItem(atPath: server.directory) }
        let url = URL(string: "https://127.0.0.1:\(server.port)/")!

        let untrusted = URLSessionFetcher(limits: HTTPLimits(idleTimeout: 5))
        do {
            _ = try await untrusted.fetch(HTTPFetchRequest(url: url, kind: .page))
            Issue.record("an untrusted certificate was accepted")
        } catch {
            guard case .certificate(let message) = error else { Issue.record("expected a certificate error, got \(error)"); return }
            #expect(message.contains("not trusted") || message.contains("secure connection"))
            #expect(error.description.hasPrefix("TLS certificate rejected"))
        }

    }
}

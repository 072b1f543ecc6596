import Foundation
import Testing
@testable import TelexFetch

/// HTTPS on loopback: `openssl s_server` with a certificate from a throwaway test CA (for the IP
/// 127.0.0.1). libcurl takes a CA file per fetcher, so the trusted exchange runs in-process too.
/// Skipped when the openssl tool is absent (`make` installs it).
@Suite(.serialized) struct HTTPSTests {
    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct TLSServer {
        let process: Process
        let port: Int
        let caFile: String
        let directory: String

        /// SIGKILL: a child started from a test thread inherits that thread's blocked signals, SIGTERM
        /// included, so `terminate()` leaves s_server running. (No waitUntilExit: it spins on a task thread.)
        func stop() {
            kill(process.processIdentifier, SIGKILL)
            try? FileManager.default.removeItem(atPath: directory)
        }
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

    /// A CA, a server certificate it signs for IP 127.0.0.1, and `s_server -www` on a port the kernel picks.
    static func startServer() throws -> TLSServer {
        let dir = NSTemporaryDirectory() + "telex-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "subjectAltName=IP:127.0.0.1\n".write(toFile: dir + "/san.ext", atomically: true, encoding: .utf8)
        try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=telex test CA"], in: dir)
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: dir)
        try run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
                 "-days", "1", "-extfile", "san.ext"], in: dir)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: openssl!)
        p.arguments = ["s_server", "-accept", "127.0.0.1:0", "-key", "server.key", "-cert", "server.pem", "-www"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        // s_server prints "ACCEPT 127.0.0.1:PORT" once listening.
        var text = ""
        while !text.contains("\n") || !text.contains("ACCEPT") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            p.terminate()
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return TLSServer(process: p, port: port, caFile: dir + "/ca.pem", directory: dir)
    }

    @Test(.enabled(if: openssl != nil))
    func anUntrustedCertificateIsRefusedInPlainWords() async throws {
        let server = try Self.startServer()
        defer { server.stop() }
        let fetcher = CurlFetcher(limits: testLimits(), caFile: nil)
        let result = await failure(of: fetcher, HTTPFetchRequest(url: URL(string: "https://127.0.0.1:\(server.port)/")!, kind: .page))
        guard case .certificate(let message)? = result else { Issue.record("expected a certificate error, got \(String(describing: result))"); return }
        #expect(message.hasPrefix("the server's certificate is not trusted: it is not signed by an authority this machine trusts"))
        #expect(result?.description.hasPrefix("TLS certificate rejected: ") == true)
    }

    @Test(.enabled(if: openssl != nil))
    func aCertificateFromATrustedAuthorityIsAccepted() async throws {
        let server = try Self.startServer()
        defer { server.stop() }
        let fetcher = CurlFetcher(limits: testLimits(), caFile: server.caFile)
        let response = try await fetcher.fetch(HTTPFetchRequest(url: URL(string: "https://127.0.0.1:\(server.port)/")!, kind: .page))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("s_server"))
    }

    /// The certificate names 127.0.0.1; a name pinned to that address does not match it.
    @Test(.enabled(if: openssl != nil))
    func aCertificateForAnotherNameIsRefusedInPlainWords() async throws {
        let server = try Self.startServer()
        defer { server.stop() }
        let fetcher = CurlFetcher(limits: testLimits(), resolver: ScriptedResolver(["tls.example": loopback1]), caFile: server.caFile)
        let result = await failure(of: fetcher, HTTPFetchRequest(url: URL(string: "https://tls.example:\(server.port)/")!, kind: .page))
        guard case .certificate(let message)? = result else { Issue.record("expected a certificate error, got \(String(describing: result))"); return }
        #expect(message.hasPrefix("the certificate is for another host name"))
    }
}

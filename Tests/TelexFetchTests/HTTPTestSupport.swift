#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import TelexFetch
import TelexTestServer

/// Limits small enough that every limit test ends in a second or two. Low speed is off unless a
/// test asks for it, so that each test sees only the limit it is about.
func testLimits(maxFeedBytes: Int = 1 << 20, maxPageBytes: Int = 1 << 20, idle: Double = 30, total: Double = 30,
                lowSpeed: Int = 0, lowSpeedTime: Double = 1, maxRedirects: Int = 5, jobs: Int = 16, perHost: Int = 16) -> HTTPLimits {
    HTTPLimits(maxFeedBytes: maxFeedBytes, maxPageBytes: maxPageBytes, idleTimeout: idle, totalTimeout: total,
               lowSpeedLimit: lowSpeed, lowSpeedTime: lowSpeedTime, maxRedirects: maxRedirects, jobs: jobs, perHost: perHost)
}

/// The error a fetch ended with, or nil when it produced a response.
func failure(of fetcher: any HTTPFetching, _ request: HTTPFetchRequest) async -> HTTPFetchError? {
    do { _ = try await fetcher.fetch(request); return nil } catch { return error }
}

/// Runs `body` with a fixture server on 127.0.0.1, stopping it afterwards whatever happens.
func withServer(_ routes: [String: FixtureRoute], host: String = "127.0.0.1",
                _ body: (FixtureServer, URL) async throws -> Void) async throws {
    let server = FixtureServer(routes: routes)
    let base = try await server.start(host: host)
    do { try await body(server, base) } catch { await server.stop(); throw error }
    await server.stop()
}

/// A resolver with fixed answers: made-up public names (`news.example`) on loopback addresses. A
/// name may have a sequence of answers (DNS rebinding: the next lookup gets the next answer; the
/// last one repeats). Counts lookups.
final class ScriptedResolver: HostResolving {
    private let answers: [String: [[IPAddress]]]
    private let calls = Mutex<[String: Int]>([:])

    init(_ answers: [String: [[IPAddress]]]) { self.answers = answers }
    convenience init(_ answers: [String: IPAddress]) { self.init(answers.mapValues { [[$0]] }) }

    func addresses(of host: String) async -> [IPAddress] {
        let n = calls.withLock { c in defer { c[host, default: 0] += 1 }; return c[host, default: 0] }
        guard let sequence = answers[host], !sequence.isEmpty else { return [] }
        return sequence[min(n, sequence.count - 1)]
    }

    func lookups(of host: String) -> Int { calls.withLock { $0[host, default: 0] } }
}

let loopback1 = IPAddress("127.0.0.1")!
/// The loopback address the tests' policy treats as public: the "internet" side of a test.
let loopback2 = IPAddress("127.0.0.2")!
/// A policy under which 127.0.0.2 is public and every private range (127.0.0.1 included) is private.
let testPolicy = AddressPolicy(treatedAsPublic: [loopback2])

/// Two fixture servers on the same port: the "public" one on 127.0.0.2, the "private" one on
/// 127.0.0.1. Same port, so that one host name can rebind from one to the other and libcurl
/// would reuse a connection between them (its connection cache knows names and ports, not addresses).
struct TwoSides {
    let publicSide: FixtureServer
    let privateSide: FixtureServer
    let port: Int

    static func start(public publicRoutes: [String: FixtureRoute], private privateRoutes: [String: FixtureRoute]) async throws -> TwoSides {
        var lastError: (any Error)?
        for _ in 0..<10 {
            let privateSide = FixtureServer(routes: privateRoutes)
            let base = try await privateSide.start(host: "127.0.0.1")
            let port = base.port!
            let publicSide = FixtureServer(routes: publicRoutes)
            do {
                _ = try await publicSide.start(host: "127.0.0.2", port: UInt16(port))
                return TwoSides(publicSide: publicSide, privateSide: privateSide, port: port)
            } catch {
                // The port was taken on 127.0.0.2: try another pair.
                lastError = error
                await privateSide.stop()
            }
        }
        throw lastError!
    }

    func stop() async {
        await publicSide.stop()
        await privateSide.stop()
    }
}

/// A listening socket on 127.0.0.1 that never accepts: tells whether anything connected to it
/// (the kernel completes the handshake into the backlog), without ever answering.
final class ConnectionProbe: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        let (fd, port) = try LoopbackListener.open()
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.fd = fd
        self.port = port
    }

    /// Whether a connection is waiting in the backlog (accepted and closed here).
    var wasConnected: Bool {
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return false }
        close(client)
        return true
    }

    deinit { close(fd) }
}

import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// An HTTP server on loopback (127.0.0.1 and an ephemeral port by default) that serves in-memory routes or a directory,
/// with validators, gzip, redirects, latency and hostile behaviours. Loopback only, by construction.
public final class FixtureServer: Sendable {
    private struct State {
        var routes: [String: FixtureRoute] = [:]
        var latency: Duration = .zero
        var requests: [RecordedRequest] = []
        var server: HTTPServer?
        var task: Task<Void, any Error>?
        var baseURL: URL?
        var fallback: (@Sendable (String) -> FixtureRoute?)?
        var responder: (@Sendable (FixtureRequest) -> FixtureRoute?)?
        var inFlight = 0
        var maxInFlight = 0
    }
    private let state: Mutex<State>

    public init(routes: [String: FixtureRoute] = [:], latency: Duration = .zero) {
        state = Mutex(State(routes: routes, latency: latency))
    }

    /// A server for every file under `directory` (paths relative to it), with ETag and
    /// Last-Modified; XML and HTML files are gzip-encoded when `gzip` is true.
    public convenience init(directory: URL, gzip: Bool = true, latency: Duration = .zero) throws {
        self.init(routes: try FixtureSite.routes(directory: directory, gzip: gzip), latency: latency)
    }

    /// The base URL (`http://127.0.0.1:PORT`), once started.
    public var baseURL: URL? { state.withLock { $0.baseURL } }

    /// Starts listening on a loopback address (127.0.0.1 by default; any 127.x.y.z, or "::1") and
    /// `port` (0: one the kernel picks); returns the base URL (`http://127.0.0.1:PORT`, `http://[::1]:PORT`).
    @discardableResult
    public func start(host: String = "127.0.0.1", port: UInt16 = 0) async throws -> URL {
        let handler = FixtureHandler(server: self)
        let ipv6 = host.contains(":")
        // Loopback only, by construction: anything else is refused here.
        guard ipv6 ? host == "::1" : host.hasPrefix("127.") else { throw URLError(.unsupportedURL) }
        let address: any SocketAddress = ipv6 ? try sockaddr_in6.inet6(ip6: host, port: port)
                                              : try sockaddr_in.inet(ip4: host, port: port)
        let config = HTTPServer.Configuration(address: address, timeout: 3600, logger: .disabled)
        let server = HTTPServer(config: config, handler: handler)
        let task = Task { try await server.run() }
        do {
            // FlyingFox waits 5 s by default: under a whole test suite on two loaded cores, with the
            // cooperative pool busy, a sound server took longer (29 sync tests failed at once).
            try await server.waitUntilListening(timeout: 60)
        } catch {
            task.cancel()
            throw error
        }
        let boundPort: UInt16
        switch await server.listeningAddress {
        case .ip4(_, let p)?: boundPort = p
        case .ip6(_, let p)?: boundPort = p
        default:
            task.cancel()
            throw URLError(.cannotConnectToHost)
        }
        ListenerTuning.disableNagle(onListenerWithPort: boundPort)
        let url = URL(string: ipv6 ? "http://[\(host)]:\(boundPort)" : "http://\(host):\(boundPort)")!
        state.withLock { $0.server = server; $0.task = task; $0.baseURL = url }
        return url
    }

    /// Stops listening and closes connections.
    public func stop() async {
        let (server, task) = state.withLock { s in
            defer { s.server = nil; s.task = nil }
            return (s.server, s.task)
        }
        await server?.stop(timeout: 0.5)
        task?.cancel()
    }

    /// Adds or replaces the route for `path` (which starts with "/").
    public func setRoute(_ path: String, _ route: FixtureRoute) { state.withLock { $0.routes[path] = route } }

    /// Removes the route for `path` (it then answers 404).
    public func removeRoute(_ path: String) { state.withLock { _ = $0.routes.removeValue(forKey: path) } }

    /// Answers paths without a route (generated sites: pages made on demand).
    public func setFallback(_ fallback: @escaping @Sendable (String) -> FixtureRoute?) { state.withLock { $0.fallback = fallback } }

    /// Answers every request before the routes do (nil: let the routes answer): a stateful fake
    /// server (an aggregator API) sees the method, query and body.
    public func setResponder(_ responder: @escaping @Sendable (FixtureRequest) -> FixtureRoute?) {
        state.withLock { $0.responder = responder }
    }

    /// Sets the delay before every response.
    public func setLatency(_ latency: Duration) { state.withLock { $0.latency = latency } }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// How many requests asked for `path`.
    public func requestCount(_ path: String) -> Int { state.withLock { $0.requests.filter { $0.path == path }.count } }

    /// The most requests the server was answering at the same time.
    public var maxConcurrentRequests: Int { state.withLock { $0.maxInFlight } }

    func begin() { state.withLock { $0.inFlight += 1; $0.maxInFlight = max($0.maxInFlight, $0.inFlight) } }
    func end() { state.withLock { $0.inFlight -= 1 } }

    func route(for request: HTTPRequest, body: [UInt8] = []) -> (FixtureRoute?, Duration) {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        // A route may name a query ("/?feed=rss2", as WordPress serves feeds) or end with "/" (a directory's
        // index.html): the path as sent is looked up first (FlyingFox's `path` drops a trailing slash).
        let rawPath = request.target.path(), rawQuery = request.target.query()
        let keys = (rawQuery.isEmpty ? [] : [rawPath + "?" + rawQuery]) + [rawPath, request.path]
        let recorded = RecordedRequest(path: request.path, headers: headers, method: request.method.rawValue, body: body, query: rawQuery)
        let (route, latency, fallback, responder) = state.withLock { s in
            s.requests.append(recorded)
            let route = keys.first { s.routes[$0] != nil }.flatMap { s.routes[$0] }
            return (route, s.latency, s.fallback, s.responder)
        }
        if let answer = responder?(FixtureRequest(recorded)) { return (answer, latency) }
        return (route ?? fallback?(request.path), latency)
    }
}

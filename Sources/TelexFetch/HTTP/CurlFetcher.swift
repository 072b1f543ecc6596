#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCurl
import Foundation
import Synchronization

/// The live `HTTPFetching`: the system libcurl's multi interface on one event-loop thread
/// (`CurlEventLoop`), with every limit enforced: a total deadline per request (redirects included),
/// connect and idle timeouts, a low-speed abort, decoded-size limits, at most `maxRedirects`
/// redirects each checked (http/https only, the address policy on every hop), DNS pinned to the
/// addresses that were checked. docs/fetch.md explains the choice over URLSession and AsyncHTTPClient.
public final class CurlFetcher: HTTPFetching {
    public let limits: HTTPLimits
    public var concurrency: Int { limits.jobs }
    public let userAgent: String
    private let resolver: any HostResolving
    private let policy: AddressPolicy
    private let caFile: String?
    private let limiter: ConcurrencyLimiter
    /// Started by the first request: a process that makes a client and never fetches (the reader, which
    /// may add a feed or follow a link) never loads libcurl.
    private let loop = Mutex<Result<CurlEventLoop, HTTPFetchError>?>(nil)

    /// - Parameters:
    ///   - resolver: how host names become addresses (tests map made-up names to loopback).
    ///   - policy: which addresses count as private (tests may treat one loopback address as public).
    ///   - caFile: a PEM bundle of the authorities to trust instead of the system's; by default the
    ///     one `CURL_CA_BUNDLE` or `SSL_CERT_FILE` names, as the curl tool does.
    public init(limits: HTTPLimits = HTTPLimits(), userAgent: String = TelexFetchModule.userAgent,
                resolver: any HostResolving = SystemResolver(), policy: AddressPolicy = .standard,
                caFile: String? = CurlFetcher.environmentCAFile) {
        self.limits = limits
        self.userAgent = userAgent
        self.resolver = resolver
        self.policy = policy
        self.caFile = caFile
        limiter = ConcurrencyLimiter(global: limits.jobs, perHost: limits.perHost)
    }

    deinit { if case .success(let loop) = loop.withLock({ $0 }) { loop.stop() } }

    private func eventLoop() -> Result<CurlEventLoop, HTTPFetchError> {
        loop.withLock { started in
            if let started { return started }
            let result = CurlEventLoop.start()
            started = result
            return result
        }
    }

    /// The CA bundle the environment names (`CURL_CA_BUNDLE`, then `SSL_CERT_FILE`), if any.
    public static var environmentCAFile: String? {
        let environment = ProcessInfo.processInfo.environment
        return [environment["CURL_CA_BUNDLE"], environment["SSL_CERT_FILE"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    public func fetch(_ request: HTTPFetchRequest) async throws(HTTPFetchError) -> HTTPFetchResponse {
        let first = try CurlURL.parse(request.url.absoluteString).get()
        for header in request.headers where !Self.isValid(header) {
            throw .invalidRequest("the header \(header.name.debugDescription) has a line break or a bad name")
        }
        let loop = try eventLoop().get()
        let slot = first.host.lowercased()
        guard await limiter.acquire(host: slot) else { throw .cancelled }
        let result = await exchange(request, from: first, loop: loop)
        limiter.release(host: slot)
        return try result.get()
    }

    /// The hops of one request: each one resolved, checked, pinned and fetched, until a response
    /// that is not a redirect, a limit, or the total deadline.
    private func exchange(_ request: HTTPFetchRequest, from first: CurlURL, loop: CurlEventLoop) async
        -> Result<HTTPFetchResponse, HTTPFetchError> {
        let deadline = Monotonic.seconds() + limits.totalTimeout
        var url = first
        var visited: Set<String> = [first.text]
        var redirects = 0
        var permanentTarget: CurlURL?
        var allPermanent = true
        var method = request.method
        var body = request.body
        var extraHeaders = request.headers
        while true {
            if Task.isCancelled { return .failure(.cancelled) }
            let remaining = deadline - Monotonic.seconds()
            guard remaining > 0 else { return .failure(.timedOut(seconds: Int(limits.totalTimeout.rounded()))) }
            let pinned: [IPAddress]
            switch await approvedAddresses(url, allowPrivate: request.allowPrivateAddresses, within: min(remaining, limits.idleTimeout)) {
            case .success(let addresses): pinned = addresses
            case .failure(let error): return .failure(error)
            }
            let setup = CurlTransfer.Setup(
                url: url, kind: request.kind, method: method, body: body,
                headers: headers(for: request) + extraHeaders.map { "\($0.name): \($0.value)" }, userAgent: userAgent, pinned: pinned,
                allowPrivateAddresses: request.allowPrivateAddresses, policy: policy, maxBytes: limits.maxBytes(for: request.kind),
                timeoutMilliseconds: Int((deadline - Monotonic.seconds()) * 1000), connectTimeoutMilliseconds: Int(limits.idleTimeout * 1000),
                idleSeconds: limits.idleTimeout, lowSpeedLimit: limits.lowSpeedLimit, lowSpeedSeconds: Int(limits.lowSpeedTime.rounded()),
                caFile: caFile)
            let transfer: CurlTransfer
            switch CurlTransfer.make(setup) {
            case .success(let t): transfer = t
            case .failure(let error): return .failure(error)
            }
            let hop = await loop.perform(transfer)
            if let error = failure(of: hop, url: url, deadline: deadline) { return .failure(error) }

            if [301, 302, 303, 307, 308].contains(hop.status), let location = hop.headers["location"], !location.isEmpty {
                redirects += 1
                guard redirects <= limits.maxRedirects else { return .failure(.tooManyRedirects(limits.maxRedirects)) }
                let next: CurlURL
                switch CurlURL.parse(location, relativeTo: url.text) {
                case .success(let u): next = u
                case .failure(let error): return .failure(error)
                }
                guard visited.insert(next.text).inserted else { return .failure(.redirectLoop(next.text)) }
                if allPermanent, hop.status == 301 || hop.status == 308 { permanentTarget = next } else { allPermanent = false }
                // RFC 9110 15.4: 307 and 308 repeat the method and body; the others become a GET.
                if hop.status != 307, hop.status != 308 { method = .get; body = nil }
                // Credentials stay with the origin they were given for.
                if next.scheme != url.scheme || next.host.lowercased() != url.host.lowercased() || next.port != url.port { extraHeaders = [] }
                url = next
                continue
            }
            let finalURL = URL(string: url.text) ?? request.url
            return .success(HTTPFetchResponse(
                status: hop.status, finalURL: finalURL,
                permanentRedirect: allPermanent ? permanentTarget.flatMap { URL(string: $0.text) } : nil,
                headers: hop.headers, body: hop.body, remoteAddress: hop.remoteAddress,
                fromPrivateAddress: hop.remoteAddress.map(policy.isPrivate) ?? false))
        }
    }

    private func headers(for request: HTTPFetchRequest) -> [String] {
        let accept = switch request.kind {
        case .feed: Self.feedAccept
        case .page: Self.pageAccept
        case .api: Self.apiAccept
        case .image: Self.imageAccept
        }
        // "Expect:" stops libcurl from waiting for a 100 Continue before sending a larger body.
        var headers = ["Accept: " + accept, "Expect:"]
        if let etag = request.etag { headers.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { headers.append("If-Modified-Since: \(lastModified)") }
        return headers
    }

    /// The addresses a hop may connect to: an address literal as it is; a name resolved (within
    /// `seconds`) and every one of its addresses checked. Empty means "a literal: nothing to pin".
    private func approvedAddresses(_ url: CurlURL, allowPrivate: Bool, within seconds: Double) async
        -> Result<[IPAddress], HTTPFetchError> {
        let host = url.bareHost
        switch policy.judge(host: host, allowPrivate: allowPrivate) {
        case .failure(let error): return .failure(error)
        case .success(.literal): return .success([])
        case .success(.lookUp): break
        }
        let resolver = self.resolver
        guard let addresses = await Self.within(seconds, { await resolver.addresses(of: host) }) else {
            return .failure(Task.isCancelled ? .cancelled : .connectTimedOut(seconds: Int(limits.idleTimeout.rounded())))
        }
        return policy.approve(addresses, of: host, allowPrivate: allowPrivate)
    }

    /// `work`'s result, or nil when it takes longer than `seconds` or the task is cancelled. The work
    /// is not waited for (a blocked getaddrinfo keeps its dispatch thread, not the request).
    private static func within<T: Sendable>(_ seconds: Double, _ work: @escaping @Sendable () async -> T) async -> T? {
        let first = FirstResult<T>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                first.install(continuation)
                let timer = Task {
                    // Cancelled (the answer came first): no offer.
                    guard (try? await Task.sleep(for: .seconds(max(0, seconds)))) != nil else { return }
                    first.offer(nil)
                }
                // The answer stops the timer: no sleeping task outlives the lookup.
                Task {
                    first.offer(await work())
                    timer.cancel()
                }
            }
        } onCancel: {
            first.offer(nil)
        }
    }

    /// What a finished hop's outcome means, or nil when it is a response.
    private func failure(of hop: CurlTransfer.Outcome, url: CurlURL, deadline: Double) -> HTTPFetchError? {
        if let failure = hop.failure { return failure }
        if hop.code == CURLE_OK { return nil }
        return CurlErrors.map(hop, host: url.bareHost, limits: limits, pastDeadline: Monotonic.seconds() >= deadline - 0.05)
    }

    static let feedAccept = "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
    static let pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
    static let apiAccept = "application/json, text/json;q=0.9, */*;q=0.5"
    /// The formats the decoder reads (no AVIF, JPEG XL or SVG: servers that negotiate send one of these).
    static let imageAccept = "image/webp, image/png, image/jpeg, image/gif;q=0.9"

    /// A header libcurl can send as one line: a token name, a value without CR, LF or NUL.
    static func isValid(_ header: HTTPHeader) -> Bool {
        let token = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return !header.name.isEmpty && header.name.allSatisfy(token.contains)
            && !header.value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }
}

/// A continuation resumed by whichever of several producers offers first.
private final class FirstResult<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T?, Never>?
        var early: T??
        var done = false
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<T?, Never>) {
        let early: T?? = state.withLock { s in
            if let early = s.early { return early }
            s.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func offer(_ value: T?) {
        let waiter: CheckedContinuation<T?, Never>? = state.withLock { s in
            guard !s.done else { return nil }
            s.done = true
            if let c = s.continuation { s.continuation = nil; return c }
            s.early = .some(value)
            return nil
        }
        waiter?.resume(returning: value)
    }
}

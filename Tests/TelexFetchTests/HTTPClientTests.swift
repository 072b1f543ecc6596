import Foundation
import Testing
@testable import TelexFetch
import TelexTestServer

/// The live HTTP client against the fixture server on 127.0.0.1.
@Suite struct HTTPClientTests {
    static let feed = FixtureResource(text: "<rss><channel><title>T</title></channel></rss>", contentType: "application/rss+xml",
                                      etag: "\"v1\"", lastModified: "Tue, 24 Nov 2026 10:00:00 GMT")

    func withServer(_ routes: [String: FixtureRoute], limits: HTTPLimits = HTTPLimits(idleTimeout: 5, totalTimeout: 20),
                    _ body: (FixtureServer, URL, URLSessionFetcher) async throws -> Void) async throws {
        let server = FixtureServer(routes: routes)
        let base = try await server.start()
        let fetcher = URLSessionFetcher(limits: limits)
        do { try await body(server, base, fetcher) } catch { await server.stop(); throw error }
        await server.stop()
    }

    func error(of fetcher: URLSessionFetcher, _ request: HTTPFetchRequest) async -> HTTPFetchError? {
        do { _ = try await fetcher.fetch(request); return nil } catch { return error }
    }

    @Test func aConditionalRequestWithTheSameETagGetsA304() async throws {
        try await withServer(["/feed.xml": .resource(Self.feed)]) { server, base, fetcher in
            let url = base.appendingPathComponent("feed.xml")
            let first = try await fetcher.fetch(HTTPFetchRequest(url: url))
            #expect(first.status == 200)
            #expect(first.etag == "\"v1\"")
            #expect(String(decoding: first.body, as: UTF8.self).contains("<title>T</title>"))
            let second = try await fetcher.fetch(HTTPFetchRequest(url: url, etag: first.etag, lastModified: first.lastModified))
            #expect(second.status == 304)
            #expect(second.body.isEmpty)
            #expect(server.requests.last?.headers["if-none-match"] == "\"v1\"")
            let byDate = try await fetcher.fetch(HTTPFetchRequest(url: url, lastModified: first.lastModified))
            #expect(byDate.status == 304)
        }
    }

    @Test func aGzipBodyArrivesDecoded() async throws {
        let text = String(repeating: "<item><title>compressible</title></item>", count: 500)
        let resource = FixtureResource(text: text, contentType: "application/rss+xml", gzip: true)
        try await withServer(["/gz.xml": .resource(resource)]) { server, base, fetcher in
            let response = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("gz.xml")))
            #expect(response.headers["content-encoding"] == "gzip")
            #expect(String(decoding: response.body, as: UTF8.self) == text)
            #expect(server.requests.last?.headers["accept-encoding"]?.contains("gzip") == true)
        }
    }

    @Test func theUserAgentNamesTelexAndItsVersion() async throws {
        try await withServer(["/feed.xml": .resource(Self.feed)]) { server, base, fetcher in
            _ = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("feed.xml")))
            #expect(server.requests.last?.headers["user-agent"]?.hasPrefix("telex/\(TelexVersion.string)") == true)
        }
    }

    @Test func aChainOfPermanentRedirectsIsFollowedAndRemembered() async throws {
        let routes: [String: FixtureRoute] = [
            "/a": .redirect(to: "/b", permanent: true), "/b": .redirect(to: "/c", permanent: true),
            "/c": .resource(Self.feed),
            "/t": .redirect(to: "/b", permanent: false),
        ]
        try await withServer(routes) { _, base, fetcher in
            let permanent = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("a")))
            #expect(permanent.status == 200)
            #expect(permanent.finalURL.path == "/c")
            #expect(permanent.permanentRedirect?.path == "/c")
            let temporary = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("t")))
            #expect(temporary.finalURL.path == "/c")
            #expect(temporary.permanentRedirect == nil)
        }
    }

    @Test func aRedirectLoopAndALongChainFail() async throws {
        var routes: [String: FixtureRoute] = ["/loop1": .redirect(to: "/loop2", permanent: false),
                                              "/loop2": .redirect(to: "/loop1", permanent: false)]
        for i in 0..<7 { routes["/hop\(i)"] = .redirect(to: "/hop\(i + 1)", permanent: false) }
        routes["/hop7"] = .resource(Self.feed)
        try await withServer(routes) { _, base, fetcher in
            let loop = await error(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("loop1")))
            #expect(loop == .redirectLoop(base.appendingPathComponent("loop1").absoluteString))
            let long = await error(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("hop0")))
            #expect(long == .tooManyRedirects(5))
        }
    }

    @Test func aStalledServerTimesOut() async throws {
        try await withServer(["/stall": .stall(seconds: 30)], limits: HTTPLimits(idleTimeout: 1, totalTimeout: 3)) { _, base, fetcher in
            let start = Date()
            let failure = await error(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("stall")))
            #expect(failure == .timedOut)
            #expect(Date().timeIntervalSince(start) < 6)
        }
    }

    @Test(arguments: [("endless", FixtureRoute.endless(contentType: "application/rss+xml")),
                      ("bomb", FixtureRoute.gzipBomb(inflatedBytes: 64 << 20))])
    func aBodyLargerThanTheLimitIsCutAtTheLimit(name: String, route: FixtureRoute) async throws {
        try await withServer(["/\(name)": route], limits: HTTPLimits(maxFeedBytes: 1 << 20, idleTimeout: 5)) { _, base, fetcher in
            let failure = await error(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent(name)))
            #expect(failure == .tooLarge(limit: 1 << 20))
        }
    }

    @Test(arguments: [404, 410, 500, 503])
    func anErrorStatusIsAResponseTheCallerInterprets(status: Int) async throws {
        try await withServer(["/x": .status(status, body: "nope")]) { _, base, fetcher in
            let response = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("x")))
            #expect(response.status == status)
        }
    }

    @Test func a429CarriesItsRetryAfter() async throws {
        try await withServer(["/busy": .status(429, headers: ["Retry-After": "120"])]) { _, base, fetcher in
            let response = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("busy")))
            #expect(response.status == 429)
            let now = Date()
            let retry = try #require(response.retryAfter(now: now))
            #expect(abs(retry.timeIntervalSince(now) - 120) < 1)
        }
    }

    @Test func aConnectionResetMidBodyFails() async throws {
        let reset = try ResetServer()
        defer { reset.stop() }
        let fetcher = URLSessionFetcher(limits: HTTPLimits(idleTimeout: 5))
        let failure = await error(of: fetcher, HTTPFetchRequest(url: reset.url))
        guard case .connection? = failure else { Issue.record("expected a connection error, got \(String(describing: failure))"); return }
    }

    @Test func hugeHeadersFailCleanly() async throws {
        try await withServer(["/huge": .hugeHeaders(bytes: 2_000_000)]) { _, base, fetcher in
            let failure = await error(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("huge")))
            #expect(failure != nil)
        }
    }

    @Test func aPageThatIsNotHTMLIsRefusedBeforeItsBodyIsRead() async throws {
        let pdf = FixtureResource(body: [UInt8](repeating: 0x25, count: 100_000), contentType: "application/pdf")
        try await withServer(["/paper.pdf": .resource(pdf)]) { _, base, fetcher in
            let failure = await error(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("paper.pdf"), kind: .page))
            #expect(failure == .unacceptableContentType("application/pdf"))
            let asFeed = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("paper.pdf"), kind: .feed))
            #expect(asFeed.body.count == 100_000)
        }
    }

    @Test func aLinkToAPrivateAddressIsNotFetchedUnlessAllowed() async throws {
        try await withServer(["/page.html": .resource(FixtureResource(text: "<p>hi</p>", contentType: "text/html"))]) { server, base, fetcher in
            let url = base.appendingPathComponent("page.html")
            let failure = await error(of: fetcher, HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: false))
            #expect(failure == .blockedAddress(host: "127.0.0.1"))
            #expect(server.requestCount("/page.html") == 0)
            _ = try await fetcher.fetch(HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: true))
            #expect(server.requestCount("/page.html") == 1)
        }
    }

    @Test(arguments: ["ftp://127.0.0.1/feed", "file:///etc/passwd", "gopher://127.0.0.1/"])
    func onlyHTTPAndHTTPSAreFetched(url: String) async throws {
        let fetcher = URLSessionFetcher()
        let failure = await error(of: fetcher, HTTPFetchRequest(url: URL(string: url)!))
        guard case .unsupportedScheme? = failure else { Issue.record("\(url) gave \(String(describing: failure))"); return }
    }

    @Test func threeHundredRequestsAtOnceAllCompleteWithinTheConcurrencyLimits() async throws {
        var routes: [String: FixtureRoute] = [:]
        for i in 0..<300 { routes["/f\(i).xml"] = .resource(FixtureResource(text: "<rss>\(i)</rss>", contentType: "application/rss+xml")) }
        let server = FixtureServer(routes: routes, latency: .milliseconds(5))
        let base = try await server.start()
        let fetcher = URLSessionFetcher(limits: HTTPLimits(jobs: 16, perHost: 4))
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<300 {
                group.addTask { (try? await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("f\(i).xml"))))?.status ?? -1 }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        await server.stop()
        #expect(statuses.count == 300)
        #expect(statuses.allSatisfy { $0 == 200 })
        #expect(server.maxConcurrentRequests <= 4)
        #expect(server.maxConcurrentRequests >= 2)
    }
}

import Foundation
import Testing
@testable import TelexFetch
import TelexTestServer

/// The live HTTP client (libcurl) against the fixture server on loopback: what a well-behaved server gets.
@Suite struct HTTPClientTests {
    static let feed = FixtureResource(text: "<rss><channel><title>T</title></channel></rss>", contentType: "application/rss+xml",
                                      etag: "\"v1\"", lastModified: "Tue, 24 Nov 2026 10:00:00 GMT")

    @Test func aConditionalRequestWithTheSameETagGetsA304() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/feed.xml": .resource(Self.feed)]) { server, base in
            let url = base.appendingPathComponent("feed.xml")
            let first = try await fetcher.fetch(HTTPFetchRequest(url: url))
            #expect(first.status == 200)
            #expect(first.etag == "\"v1\"")
            #expect(first.lastModified == "Tue, 24 Nov 2026 10:00:00 GMT")
            #expect(String(decoding: first.body, as: UTF8.self) == "<rss><channel><title>T</title></channel></rss>")
            let second = try await fetcher.fetch(HTTPFetchRequest(url: url, etag: first.etag, lastModified: first.lastModified))
            #expect(second.status == 304)
            #expect(second.isNotModified)
            #expect(second.body.isEmpty)
            #expect(server.requests.last?.headers["if-none-match"] == "\"v1\"")
            #expect(server.requests.last?.headers["if-modified-since"] == "Tue, 24 Nov 2026 10:00:00 GMT")
            let byDate = try await fetcher.fetch(HTTPFetchRequest(url: url, lastModified: first.lastModified))
            #expect(byDate.status == 304)
            #expect(server.requests.last?.headers["if-none-match"] == nil)
        }
    }

    @Test func aGzipBodyArrivesDecodedAndEveryCodingLibcurlKnowsIsOffered() async throws {
        let text = String(repeating: "<item><title>compressible</title></item>", count: 500)
        let resource = FixtureResource(text: text, contentType: "application/rss+xml", gzip: true)
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/gz.xml": .resource(resource)]) { server, base in
            let response = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("gz.xml")))
            #expect(response.headers["content-encoding"] == "gzip")
            #expect(String(decoding: response.body, as: UTF8.self) == text)
            let offered = Set((server.requests.last?.headers["accept-encoding"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            })
            #expect(offered.isSuperset(of: ["gzip", "deflate", "br"]))
        }
    }

    @Test func theUserAgentAndAcceptHeadersSayWhatTelexWants() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/feed.xml": .resource(Self.feed), "/page.html": .resource(FixtureResource(text: "<p>x</p>", contentType: "text/html"))]) { server, base in
            _ = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("feed.xml")))
            #expect(server.requests.last?.headers["user-agent"] == TelexFetchModule.userAgent)
            #expect(server.requests.last?.headers["accept"] == CurlFetcher.feedAccept)
            _ = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("page.html"), kind: .page))
            #expect(server.requests.last?.headers["accept"] == CurlFetcher.pageAccept)
        }
    }

    @Test func aChainOfPermanentRedirectsIsFollowedAndRemembered() async throws {
        let routes: [String: FixtureRoute] = [
            "/a": .redirect(to: "/b", permanent: true), "/b": .redirect(to: "/c", permanent: true),
            "/c": .resource(Self.feed),
            "/t": .redirect(to: "/b", permanent: false),
        ]
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(routes) { _, base in
            let permanent = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("a")))
            #expect(permanent.status == 200)
            #expect(permanent.finalURL.absoluteString == base.absoluteString + "/c")
            #expect(permanent.permanentRedirect?.absoluteString == base.absoluteString + "/c")
            let temporary = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("t")))
            #expect(temporary.finalURL.absoluteString == base.absoluteString + "/c")
            #expect(temporary.permanentRedirect == nil)
        }
    }

    @Test func fiveRedirectsAreFollowedAndASixthIsNot() async throws {
        var routes: [String: FixtureRoute] = [:]
        for i in 0..<6 { routes["/hop\(i)"] = .redirect(to: "/hop\(i + 1)", permanent: false) }
        routes["/hop6"] = .resource(Self.feed)
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(routes) { server, base in
            let five = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("hop1")))
            #expect(five.status == 200)
            #expect(five.finalURL.path == "/hop6")
            let six = await failure(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("hop0")))
            #expect(six == .tooManyRedirects(5))
            #expect(server.requestCount("/hop6") == 1, "the sixth redirect's target was never requested")
        }
    }

    @Test(arguments: [404, 410, 500, 503])
    func anErrorStatusIsAResponseTheCallerInterprets(status: Int) async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/x": .status(status, body: "nope")]) { _, base in
            let response = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("x")))
            #expect(response.status == status)
            #expect(String(decoding: response.body, as: UTF8.self) == "nope")
        }
    }

    @Test func a429CarriesItsRetryAfter() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/busy": .status(429, headers: ["Retry-After": "120"])]) { _, base in
            let response = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("busy")))
            #expect(response.status == 429)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(response.retryAfter(now: now) == now.addingTimeInterval(120))
        }
    }

    @Test func hugeHeadersFailCleanly() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/huge": .hugeHeaders(bytes: 2_000_000)]) { _, base in
            let result = await failure(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("huge")))
            guard case .connection(let message)? = result else { Issue.record("expected a connection error, got \(String(describing: result))"); return }
            #expect(message.contains("header"), "libcurl's header limit names itself: \(message)")
        }
    }

    @Test func aPageThatIsNotHTMLIsRefusedAndTheSameDocumentAsAFeedIsNot() async throws {
        let pdf = FixtureResource(body: [UInt8](repeating: 0x25, count: 100_000), contentType: "application/pdf")
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/paper.pdf": .resource(pdf)]) { _, base in
            let refused = await failure(of: fetcher, HTTPFetchRequest(url: base.appendingPathComponent("paper.pdf"), kind: .page))
            #expect(refused == .unacceptableContentType("application/pdf"))
            let asFeed = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("paper.pdf"), kind: .feed))
            #expect(asFeed.body.count == 100_000)
        }
    }

    @Test func aLinkToAPrivateAddressIsNotFetchedUnlessAllowed() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/page.html": .resource(FixtureResource(text: "<p>hi</p>", contentType: "text/html"))]) { server, base in
            let url = base.appendingPathComponent("page.html")
            let blocked = await failure(of: fetcher, HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: false))
            #expect(blocked == .blockedAddress(host: "127.0.0.1"))
            #expect(server.requestCount("/page.html") == 0)
            let allowed = try await fetcher.fetch(HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: true))
            #expect(server.requestCount("/page.html") == 1)
            #expect(allowed.remoteAddress == loopback1)
            #expect(allowed.fromPrivateAddress)
        }
    }

    @Test(arguments: [("ftp://127.0.0.1/feed", "ftp"), ("file:///etc/passwd", "file"), ("gopher://127.0.0.1/", "gopher"),
                      ("FILE:///etc/passwd", "file")])
    func onlyHTTPAndHTTPSAreFetched(url: String, scheme: String) async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        let result = await failure(of: fetcher, HTTPFetchRequest(url: URL(string: url)!))
        #expect(result == .unsupportedScheme(scheme))
    }

    @Test func anIPv6LoopbackURLIsFetched() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/feed.xml": .resource(Self.feed)], host: "::1") { server, base in
            #expect(base.absoluteString.hasPrefix("http://[::1]:"))
            let response = try await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("feed.xml")))
            #expect(response.status == 200)
            #expect(response.remoteAddress == IPAddress("::1"))
            #expect(server.requestCount("/feed.xml") == 1)
        }
    }

    @Test func anUpperCaseSchemeIsTheSameURL() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/feed.xml": .resource(Self.feed)]) { server, base in
            let shouted = URL(string: base.absoluteString.replacingOccurrences(of: "http://", with: "HTTP://") + "/feed.xml")!
            let response = try await fetcher.fetch(HTTPFetchRequest(url: shouted))
            #expect(response.status == 200)
            #expect(response.finalURL.absoluteString == base.absoluteString + "/feed.xml")
        }
    }

    @Test func aPortOutOfRangeIsRefusedBeforeAnyConnection() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        let result = await failure(of: fetcher, HTTPFetchRequest(url: URL(string: "http://127.0.0.1:99999/feed.xml")!))
        #expect(result == .invalidURL("the port is out of range (1 to 65535) in http://127.0.0.1:99999/feed.xml"))
    }

    @Test func threeHundredRequestsAtOnceAllCompleteWithinTheConcurrencyLimits() async throws {
        var routes: [String: FixtureRoute] = [:]
        for i in 0..<300 { routes["/f\(i).xml"] = .resource(FixtureResource(text: "<rss>\(i)</rss>", contentType: "application/rss+xml")) }
        let server = FixtureServer(routes: routes, latency: .milliseconds(5))
        let base = try await server.start()
        let fetcher = CurlFetcher(limits: testLimits(jobs: 16, perHost: 4))
        let bodies = await withTaskGroup(of: String.self) { group in
            for i in 0..<300 {
                group.addTask {
                    let r = try? await fetcher.fetch(HTTPFetchRequest(url: base.appendingPathComponent("f\(i).xml")))
                    return r.map { String(decoding: $0.body, as: UTF8.self) } ?? "failed"
                }
            }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        await server.stop()
        #expect(bodies == Set((0..<300).map { "<rss>\($0)</rss>" }))
        #expect(server.maxConcurrentRequests <= 4)
    }
}
